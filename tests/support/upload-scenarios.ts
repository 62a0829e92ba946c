// The upload scenarios of the foundation issue, run by the real CLI against a sandbox on a given storage backend
// (the sandbox's own S3-style storage, or radosgw), over V2 or V4. Each checks the sha256 of the stitched original.
// On V4 the CLI talks to the conformance proxy (every request and answer checked against Frame.io's published spec),
// and the tree is read back over V4 too; the bytes are read through V2's `original` on the same sandbox, since V4's
// shapes carry no download URL and V2 sees the same assets (decision 0019).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameioClient } from '../../src/core/frameio/types';
import type { SandboxOptions } from '../../src/sandbox/index';
import { parseSummary, runFerry } from './cli';
import { makeFile, sha256File, sha256Url } from './files';
import { readRemoteTree } from './remote';
import { useSandbox } from './sandbox-fixture';
import { useV4Sandbox } from './v4-fixture';

const MiB = 1024 * 1024;

export type ApiVersion = 'v2' | 'v4';

export interface ScenarioOptions {
  /** Whether the sandbox serves the part PUTs itself (and so can inject 5xx/reset faults into them). On an external
   * S3 server the PUTs go straight to it, so only API faults (429) can be injected. */
  storageFaults: boolean;
  bigFileBytes?: number;
  /** The API the CLI speaks (default V2). V4: through the conformance proxy. */
  api?: ApiVersion;
}

export function uploadScenarios(label: string, sandboxOptions: SandboxOptions, options: ScenarioOptions): void {
  const bigFileBytes = options.bigFileBytes ?? 200 * MiB + 12_345;
  const api = options.api ?? 'v2';
  describe(`ferry upload over ${api.toUpperCase()} on ${label}`, () => {
    const v4fx = api === 'v4' ? useV4Sandbox(sandboxOptions, 'ferry-upload-v4-') : null;
    const fx = v4fx ?? useSandbox(sandboxOptions, 'ferry-upload-');
    const apiUrl = () => v4fx?.proxy.apiUrl ?? fx.sandbox.apiUrl;
    /** How the test reads back what arrived: over the API the CLI used. */
    const reader = (): FrameioClient => v4fx?.v4 ?? fx.client;
    const ferry = (args: string[]) => runFerry(['--api', apiUrl(), '--json', ...args], { FRAMEIO_TOKEN: fx.sandbox.token });
    if (v4fx) afterEach(() => v4fx.conforms());

    async function expectSameBytes(local: string, assetId: string | null): Promise<void> {
      expect(assetId).toBeTruthy();
      if (v4fx) expect((await v4fx.v4.uploadState(assetId as string)).complete).toBe(true); // V4's own word first
      const asset = await fx.client.getAsset(assetId as string);
      expect(asset.uploadComplete).toBe(true);
      expect(asset.originalUrl).toBeTruthy();
      expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(local));
    }

    it('confirms a tree of 240 small files from folder listings: at most 1.1 API calls per file, no per-file reads', async () => {
      const root = path.join(fx.work, 'stills');
      const local: string[] = [];
      for (let d = 0; d < 3; d++) for (let f = 0; f < 80; f++) local.push(await makeFile(path.join(root, `roll ${d}`, `IMG_${f}.jpg`), 1000 + ((d * 80 + f) * 7919) % 60_000));
      const target = await fx.freshFolder('stills');
      const result = await ferry(['upload', root, '--to', target]);
      expect(result.code, result.stderr).toBe(0);
      const summary = parseSummary(result);
      expect(summary).toMatchObject({ completed: 240, failed: 0 });
      const calls = summary.api_calls;
      // The create of each file, the folders' creates and the few listings that confirm many files at once.
      expect(calls?.total ?? Infinity, JSON.stringify(calls?.by_bucket)).toBeLessThanOrEqual(1.1 * 240);
      const perFileReads = Object.entries(calls?.by_bucket ?? {}).filter(([bucket]) => /show_file_upload_status|v2:read/.test(bucket));
      expect(perFileReads.reduce((n, [, count]) => n + count, 0)).toBeLessThanOrEqual(5);
      for (const file of [local[0], local[119], local[239]] as string[]) await expectSameBytes(file, summary.files.find((f) => f.path === file)?.asset_id ?? null);
      await rm(root, { recursive: true });
    });

    it(`uploads a large file (${(bigFileBytes / MiB).toFixed(1)} MiB) byte-for-byte`, async () => {
      const file = await makeFile(path.join(fx.work, 'big clip.mov'), bigFileBytes);
      const target = await fx.freshFolder('big');
      const result = await ferry(['upload', file, '--to', target]);
      const summary = parseSummary(result);
      expect(result.code, result.stderr).toBe(0);
      expect(summary.files).toEqual([expect.objectContaining({ path: file, size: bigFileBytes, outcome: 'completed' })]);
      await expectSameBytes(file, summary.files[0]?.asset_id ?? null);
      await rm(file);
    });

    it('uploads a size that does not divide evenly and a 1-byte file', async () => {
      const odd = await makeFile(path.join(fx.work, 'odd.bin'), 7 * MiB + 3);
      const one = await makeFile(path.join(fx.work, 'one.txt'), 1);
      const target = await fx.freshFolder('odd');
      const summary = parseSummary(await ferry(['upload', odd, one, '--to', target]));
      expect(summary).toMatchObject({ completed: 2, failed: 0 });
      for (const f of summary.files) await expectSameBytes(f.path, f.asset_id);
    });

    it('mirrors a nested folder with spaces and non-ASCII names', async () => {
      const root = path.join(fx.work, 'Día 1 — rushes');
      const files = [
        await makeFile(path.join(root, 'Cam A', 'A001 C003.mov'), 3 * MiB + 17),
        await makeFile(path.join(root, 'Cam A', 'Überblick', 'caméra 2.mp4'), 65_537),
        await makeFile(path.join(root, 'Sound', '音声 01.wav'), 12_345),
        await makeFile(path.join(root, 'notes.txt'), 42),
      ];
      const target = await fx.freshFolder('tree');
      const result = await ferry(['upload', root, '--to', target]);
      const summary = parseSummary(result);
      expect(result.code, result.stderr).toBe(0);
      expect(summary.completed).toBe(4);
      const tree = await readRemoteTree(reader(), target);
      expect(tree.duplicates).toEqual([]);
      expect([...tree.entries.keys()].sort()).toEqual(
        [
          'Día 1 — rushes',
          'Día 1 — rushes/Cam A',
          'Día 1 — rushes/Cam A/A001 C003.mov',
          'Día 1 — rushes/Cam A/Überblick',
          'Día 1 — rushes/Cam A/Überblick/caméra 2.mp4',
          'Día 1 — rushes/Sound',
          'Día 1 — rushes/Sound/音声 01.wav',
          'Día 1 — rushes/notes.txt',
        ].sort(),
      );
      for (const local of files) {
        const remotePath = path.relative(fx.work, local).split(path.sep).join('/');
        await expectSameBytes(local, tree.entries.get(remotePath)?.id ?? null);
      }
    });

    it('completes every file with faults injected, with no duplicate assets', async () => {
      const root = path.join(fx.work, 'faulty');
      const locals = [await makeFile(path.join(root, 'big.mov'), 6 * MiB + 1)];
      // Hundreds of files, so every fault kind hits many of them (issue: "hundreds of files with random faults").
      for (let i = 0; i < 300; i++) locals.push(await makeFile(path.join(root, `clip ${i}.mov`), 1000 + i * 409));
      const target = await fx.freshFolder('faults');
      const before = fx.sandbox.stats().assetsCreated;
      // V4's 429s carry no Retry-After (retryAfterS applies to V2 only): the pacer must back off by itself.
      fx.sandbox.setFaults(
        options.storageFaults
          ? { seed: 42, put503: 0.08, put500: 0.05, putReset: 0.05, api429: 0.15, retryAfterS: 0 }
          : { seed: 42, api429: 0.15, retryAfterS: 0 },
      );
      let result;
      try {
        result = await ferry(['upload', root, '--to', target, '--concurrency', '6']);
      } finally {
        fx.sandbox.setFaults({});
      }
      const summary = parseSummary(result);
      expect(summary, result.stderr).toMatchObject({ completed: 301, failed: 0, unfinished: 0 });
      const injected = fx.sandbox.stats().faultsInjected;
      expect(injected.api429 ?? 0).toBeGreaterThan(0);
      // The report counts the calls that met a 429 and went again after the pacer's wait.
      expect(summary.api_calls?.throttled ?? 0).toBeGreaterThan(0);
      if (options.storageFaults) {
        expect((injected.put503 ?? 0) + (injected.put500 ?? 0) + (injected.putReset ?? 0)).toBeGreaterThan(0);
        expect(summary.files.some((f) => f.retries > 0)).toBe(true);
      }
      // 301 files (and on V2 the folder; the sandbox counts V4 folder creates nowhere) created, not one more: no
      // create was ever repeated.
      expect(fx.sandbox.stats().assetsCreated - before).toBe(api === 'v2' ? 302 : 301);
      const tree = await readRemoteTree(reader(), target);
      expect(tree.duplicates).toEqual([]);
      expect(tree.entries.size).toBe(302);
      for (const local of locals) await expectSameBytes(local, tree.entries.get(`faulty/${path.basename(local)}`)?.id ?? null);
    });
  });
}
