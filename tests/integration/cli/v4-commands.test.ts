// The ferry command on V4, as a user meets it: whoami, ls (every page), uploads into either of two accounts, the
// legacy developer token, versions, an empty file, import, status and cancel, what a rejected token should do, and
// --sandbox. The CLI talks to the sandbox's V4 through the conformance proxy (every request it sends and every answer
// checked against Frame.io's published spec); bytes are compared through V2's `original` on the same sandbox.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptFerry, parseSummary, runFerry, type UploadSummary } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { useV4Sandbox } from '../../support/v4-fixture';
import { waitFor } from '../../support/wait';
import { Journal } from '../../../src/core/upload/journal';

const fx = useV4Sandbox({}, 'ferry-v4-cli-');
const ferry = (args: string[], token = fx.sandbox.token, env: Record<string, string> = {}) => runFerry(['--api', fx.proxy.apiUrl, ...args], { FRAMEIO_TOKEN: token, ...env });
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

async function expectSameBytes(local: string, assetId: string | null | undefined): Promise<void> {
  expect(assetId).toBeTruthy();
  expect((await fx.v4.uploadState(assetId as string)).complete).toBe(true);
  const asset = await fx.client.getAsset(assetId as string); // V2 on the same store: the stitched original
  expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(local));
}

/** A server on 127.0.0.1 for the length of `use`, stopped even when it fails. */
async function withServer<T>(handler: http.RequestListener, use: (origin: string) => Promise<T>): Promise<T> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('ferry on V4: who, where and what is there', () => {
  it('whoami names the user and every account the token reaches', async () => {
    const json = await ferry(['--json', 'whoami']);
    expect(json.code, json.stderr).toBe(0);
    const me = JSON.parse(json.stdout) as { name: string; api: string; accounts: Array<{ id: string; name: string }> };
    expect(me).toMatchObject({ name: 'Demo User', api: fx.proxy.apiUrl });
    expect(me.accounts.map((a) => a.id)).toEqual(expect.arrayContaining([fx.sandbox.accountId, fx.sandbox.secondAccountId]));
    const text = await ferry(['whoami']);
    expect(text.stdout).toMatch(new RegExp(`${fx.sandbox.accountId}\\s+Demo Account`));
    expect(text.stdout).toMatch(new RegExp(`${fx.sandbox.secondAccountId}\\s+Second Studio`));
    expect(text.stdout).toContain('--account');
    await fx.conforms();
  });

  it('ls prints every child of a folder bigger than a page (links.next followed), and --tree walks it', async () => {
    // Asset lists take at most 500 a page: 501 folders and 501 files need a second page of each list.
    const folder = await fx.freshFolder('many');
    const names: string[] = [];
    for (let start = 0; start < 501; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 501 - start) }, async (_, k) => {
          const i = start + k;
          names.push(`sub ${i}`, `clip ${i}.mov`);
          await fx.client.createFolder(folder, `sub ${i}`);
          await fx.client.createFile(folder, { name: `clip ${i}.mov`, size: 10 + i, mediaType: 'video/quicktime' });
        }),
      );
    }
    const json = await ferry(['--json', 'ls', folder]);
    expect(json.code, json.stderr).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<{ name: string; type: string; upload_complete: boolean }>;
    expect(listed.map((a) => a.name).sort()).toEqual([...names].sort());
    const text = await ferry(['ls', folder]);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(1002);
    for (const name of names) expect(text.stdout).toContain(` ${name} `);
    expect(text.stdout).not.toMatch(/\d+ items/); // V4 folders carry no item count: none is made up
    const tree = await ferry(['ls', '--tree', fx.sandbox.rootFolderId]);
    expect(tree.code, tree.stderr).toBe(0);
    expect(tree.stdout).toMatch(/^📁 Day 1/m);
    expect(tree.stdout).toMatch(/^ {2}📁 Cam A/m);
    await fx.conforms();
  });
});

describe('ferry on V4: accounts and tokens', () => {
  it('uploads into a folder of the second account without --account, and with the right one; the wrong one fails naming it', async () => {
    const local = await makeFile(path.join(fx.work, 'second', 'for studio two.mov'), 2 * 1024 * 1024 + 5);
    const found = await ferry(['upload', local, '--to', fx.sandbox.secondRootFolderId]);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toContain(`in account "Second Studio" (${fx.sandbox.secondAccountId})`);
    const named = parseSummary(await ferry(['--account', fx.sandbox.secondAccountId, '--json', 'upload', local, '--to', fx.sandbox.secondRootFolderId, '--on-conflict', 'rename']));
    expect(named).toMatchObject({ completed: 1, failed: 0 });
    expect(named.files[0]?.remote_path).toBe('for studio two (1).mov');
    const there = await fx.v4.listChildren(fx.sandbox.secondRootFolderId);
    expect(there.map((a) => a.name)).toEqual(expect.arrayContaining(['for studio two.mov', 'for studio two (1).mov']));
    for (const asset of there.filter((a) => a.type === 'file')) await expectSameBytes(local, asset.id);
    expect(fx.v4.accountOf(fx.sandbox.secondRootFolderId)).toBe(fx.sandbox.secondAccountId);

    const wrong = await ferry(['--account', fx.sandbox.accountId, 'upload', local, '--to', fx.sandbox.secondRootFolderId]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(new RegExp(`^ferry: No asset ${fx.sandbox.secondRootFolderId} in account "Demo Account" \\(${fx.sandbox.accountId}\\) \\(404`));
    expect(wrong.stderr).toContain('Leave out --account');
    noStackTrace(wrong.stderr);
    const unknown = await ferry(['--account', '00000000-0000-4000-8000-000000000000', 'ls', fx.sandbox.secondRootFolderId]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/You have no account 00000000-0000-4000-8000-000000000000: `node bin\/ferry\.mjs whoami` lists yours/);
    await fx.conforms();
  });

  it('uploads with a legacy developer token (fio-u-…), which V4 takes only with x-frameio-legacy-token-auth', async () => {
    expect(fx.sandbox.legacyToken).toMatch(/^fio-u-/);
    const local = await makeFile(path.join(fx.work, 'legacy', 'legacy token.wav'), 300_001);
    const target = await fx.freshFolder('legacy');
    const result = await ferry(['--json', 'upload', local, '--to', target], fx.sandbox.legacyToken);
    expect(result.code, result.stderr).toBe(0);
    await expectSameBytes(local, parseSummary(result).files[0]?.asset_id);
    const ls = await ferry(['ls', target], fx.sandbox.legacyToken);
    expect(ls.stdout).toContain('legacy token.wav');
    await fx.conforms();
  });

  it('a rejected token on V4 says what to do, and names the V2 API when the token works there', async () => {
    // Straight at the sandbox: the advice asks V2 whether it takes the token, a call outside the V4 spec.
    const bad = await runFerry(['--api', fx.sandbox.apiV4Url, 'whoami'], { FRAMEIO_TOKEN: 'fio-u-not-a-real-token' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ferry: Frame.io rejected the token \(401: .*\) on the V4 API at /);
    expect(bad.stderr).toMatch(/V4 takes an access token from signing in with Adobe, or a developer token \(fio-u-…\)/);
    expect(bad.stderr).not.toContain('fio-u-not-a-real-token');
    noStackTrace(bad.stderr);

    // A token of an account that is still on V2: V4 refuses it, V2 takes it.
    const v2Only = (req: http.IncomingMessage, res: http.ServerResponse) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v2/me') return res.end(JSON.stringify({ id: 'u-1', name: 'Old Timer', email: 'old@example.invalid', account_id: 'a-1', _type: 'user' }));
      res.statusCode = 401;
      res.end(JSON.stringify({ errors: [{ title: 'Unauthorized', detail: 'Invalid or expired token' }] }));
    };
    await withServer(v2Only, async (origin) => {
      const result = await runFerry(['--api', `${origin}/v4`, 'ls', 'some-folder'], { FRAMEIO_TOKEN: 'fio-u-v2-only' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The token works on the legacy V2 API: your account has not moved to V4, so use --api ${origin}/v2`);
      noStackTrace(result.stderr);
    });
  });
});

describe('ferry on V4: versions, empty files, imports, status and cancel', () => {
  it('--version-of makes a version stack, a second --version-of appends to it, and so does --on-conflict version', async () => {
    const target = await fx.freshFolder('versions');
    const cuts = await Promise.all([1, 2, 3, 4].map(async (n) => {
      const file = path.join(fx.work, `cut-v${n}`, 'cut.mov');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `cut number ${n} `.repeat(n * 1000));
      return file;
    }));
    const first = parseSummary(await ferry(['--json', 'upload', cuts[0] as string, '--to', target]));
    const original = first.files[0]?.asset_id as string;
    const second = await ferry(['--json', 'upload', cuts[1] as string, '--version-of', original]);
    expect(second.code, second.stderr).toBe(0);
    expect(parseSummary(second).files[0]).toMatchObject({ outcome: 'completed', version_of: original });
    // The original now sits in a stack: the next version goes onto the stack (moved into it).
    const third = await ferry(['--json', 'upload', cuts[2] as string, '--version-of', original]);
    expect(third.code, third.stderr).toBe(0);
    const fourth = await ferry(['--json', 'upload', cuts[3] as string, '--to', target, '--on-conflict', 'version']);
    expect(fourth.code, fourth.stderr).toBe(0);

    const top = JSON.parse((await ferry(['--json', 'ls', target])).stdout) as Array<{ id: string; type: string; name: string }>;
    expect(top).toEqual([expect.objectContaining({ type: 'version_stack', name: 'cut.mov' })]);
    const stack = top[0]?.id as string;
    const versions = JSON.parse((await ferry(['--json', 'ls', stack])).stdout) as Array<{ id: string }>;
    const uploaded = [first, parseSummary(second), parseSummary(third), parseSummary(fourth)].map((s: UploadSummary) => s.files[0]?.asset_id);
    expect(versions.map((v) => v.id).sort()).toEqual([...uploaded].sort());
    for (const [i, id] of uploaded.entries()) await expectSameBytes(cuts[i] as string, id);
    const tree = await ferry(['ls', '--tree', target]);
    expect(tree.code, tree.stderr).toBe(0);
    expect(tree.stdout.match(/^ {5}cut\.mov/gm)).toHaveLength(4); // the versions, under the stack
    await fx.conforms();
  });

  it('a 0-byte file gets a clear error of its own while the other files complete; the exit code says not all did', async () => {
    const root = path.join(fx.work, 'with-empty');
    const good = [await makeFile(path.join(root, 'a.mov'), 1_000_001), await makeFile(path.join(root, 'sub', 'b.wav'), 77)];
    const empty = path.join(root, 'sub', 'empty.txt');
    await writeFile(empty, '');
    const report = path.join(fx.work, 'with-empty.json');
    const text = await ferry(['upload', root, '--to', await fx.freshFolder('empty'), '--report', report]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/✖ .*empty\.txt {2}the file is empty \(0 bytes\); Frame.io cannot store an empty file/);
    expect(text.stderr).toMatch(/2 uploaded .*, 1 failed\./);
    expect(text.stderr).not.toContain('ferry resume'); // nothing journaled failed: resuming would not help it
    expect(text.stderr).toMatch(/^API calls: \d+ \([\d.]+ per file\)/m);
    const summary = JSON.parse(await readFile(report, 'utf8')) as UploadSummary;
    expect(summary).toMatchObject({ completed: 2, failed: 1 });
    expect(summary.files.find((f) => f.path === empty)?.error).toMatch(/empty \(0 bytes\)/);
    expect(summary.api_calls?.total).toBeGreaterThan(0);
    expect(Object.keys(summary.api_calls?.by_bucket ?? {}).every((b) => b.startsWith('v4:'))).toBe(true);
    expect(summary.api_calls?.by_bucket['v4:files.create_local_upload']).toBe(2); // no create for the empty file
    for (const local of good) await expectSameBytes(local, summary.files.find((f) => f.path === local)?.asset_id);
    await fx.conforms();
  });

  it('ferry import asks Frame.io to fetch a URL (remote_upload)', async () => {
    const bytes = Buffer.from('imported over V4 '.repeat(5000));
    await withServer((_req, res) => res.end(bytes), async (origin) => {
      const target = await fx.freshFolder('import');
      const result = await ferry(['--json', 'import', `${origin}/reel%20one.mp4`, '--to', target]);
      expect(result.code, result.stderr).toBe(0);
      const { asset_id: id, name } = JSON.parse(result.stdout) as { asset_id: string; name: string };
      expect(name).toBe('reel one.mp4');
      await waitFor(async () => (await fx.v4.uploadState(id)).complete, 'the import to complete', 10_000);
      const original = (await fx.client.getAsset(id)).originalUrl as string;
      expect(Buffer.from(await (await fetch(original)).arrayBuffer()).equals(bytes)).toBe(true);
    });
    await fx.conforms();
  });

  it('ferry status lists an interrupted V4 batch in the second account (found, then journaled) and ferry cancel discards it there', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-v4-cancel-'));
    const env = { FERRY_STATE_DIR: stateDir };
    try {
      const file = await makeFile(path.join(fx.work, 'to-cancel.mov'), 3 * 1024 * 1024);
      // A folder of the second account, given without --account: found by looking, and kept in the journal.
      const target = (await fx.client.createFolder(fx.sandbox.secondRootFolderId, `cancel ${Date.now()}`)).id;
      const attemptsBefore = fx.sandbox.stats().partPutAttempts;
      fx.sandbox.setFaults({ seed: 3, putSlow: 1, slowBytesPerSec: 256 * 1024 });
      try {
        await interruptFerry(['--api', fx.proxy.apiUrl, 'upload', file, '--to', target, '--concurrency', '1'], { FRAMEIO_TOKEN: fx.sandbox.token, ...env }, () => fx.sandbox.stats().partPutAttempts > attemptsBefore, 'the first part PUT');
      } finally {
        fx.sandbox.setFaults({});
      }
      const status = await ferry(['--json', 'status'], fx.sandbox.token, env);
      const batches = (JSON.parse(status.stdout) as { batches: Array<{ id: string; api_version: string; account_id: string; unfinished_files: Array<{ path: string }> }> }).batches;
      expect(batches).toEqual([expect.objectContaining({ api_version: 'v4', account_id: fx.sandbox.secondAccountId, unfinished_files: [expect.objectContaining({ path: file })] })]);
      const readable = await ferry(['status'], fx.sandbox.token, env);
      expect(readable.stdout).toContain(`interrupted  ${file}`);
      expect((await fx.v4.listChildren(target)).map((a) => a.name)).toEqual(['to-cancel.mov']); // kept for resume

      const canceled = await ferry(['cancel', batches[0]?.id ?? ''], fx.sandbox.token, env);
      expect(canceled.code, canceled.stderr).toBe(0);
      expect(canceled.stdout).toMatch(/removed 1 incomplete asset/);
      expect(await fx.v4.listChildren(target)).toEqual([]);
      expect(JSON.parse((await ferry(['--json', 'status'], fx.sandbox.token, env)).stdout)).toEqual({ batches: [] });
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
    await fx.conforms();
  });
});

describe('ferry --sandbox', () => {
  it('uses the sandbox on V4, with its demo project as the default target', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'ferry-v4-sandbox-flag-'));
    const env = { XDG_DATA_HOME: path.join(home, 'data'), FERRY_STATE_DIR: path.join(home, 'state') };
    try {
      const me = await runFerry(['--sandbox', '--json', 'whoami'], env);
      expect(me.code, me.stderr).toBe(0);
      const who = JSON.parse(me.stdout) as { api: string; accounts: unknown[] };
      expect(who.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v4$/);
      expect(who.accounts.length).toBeGreaterThanOrEqual(2);
      const local = await makeFile(path.join(home, 'try me.mov'), 123_457);
      const result = await runFerry(['--sandbox', '--json', 'upload', local], env);
      expect(result.code, result.stderr).toBe(0);
      const summary = parseSummary(result);
      expect(summary).toMatchObject({ completed: 1 });
      expect(Object.keys(summary.api_calls?.by_bucket ?? {})).toContain('v4:files.create_local_upload');
      // The default target is the demo project's root folder, found in its account without a search.
      const again = await runFerry(['--sandbox', 'upload', local, '--on-conflict', 'rename'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/Destination: "Demo Project" \([^)]+\) in account "Demo Account"/);
      expect(again.stderr).toContain('try me (1).mov');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('an interrupted --sandbox upload is found by --sandbox status and finished by --sandbox resume, on the same asset', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'ferry-v4-sandbox-resume-'));
    const stateDir = path.join(home, 'state');
    const env = { XDG_DATA_HOME: path.join(home, 'data'), FERRY_STATE_DIR: stateDir };
    /** What the journal holds: the asset being uploaded and how many of its parts are acknowledged. */
    const journal = async () => {
      // Read as ferry reads it (a snapshot plus its append-only log), not file by file.
      const { batches } = await new Journal(path.join(stateDir, 'journal')).list().catch(() => ({ batches: [] }));
      const file = batches.flatMap((b) => b.files)[0];
      return { assetId: file?.assetId ?? null, acked: file?.partsDone.length ?? 0 };
    };
    try {
      const local = await makeFile(path.join(home, 'card.bin'), 512 * 1024 * 1024); // 32 parts of 16 MiB, one at a time
      const interrupted = await interruptFerry(['--sandbox', 'upload', local, '--concurrency', '1'], env, async () => (await journal()).acked >= 1, 'a part acknowledged in the journal', 60_000);
      expect(interrupted.code).toBe(130);
      const { assetId } = await journal();
      // Another process, another sandbox start: it finds the batch (filed under its data folder, not its port).
      const status = JSON.parse((await runFerry(['--sandbox', '--json', 'status'], env)).stdout) as { batches: Array<{ unfinished_files: Array<{ path: string }> }> };
      expect(status.batches).toEqual([expect.objectContaining({ unfinished_files: [expect.objectContaining({ path: local })] })]);
      const resumed = await runFerry(['--sandbox', '--json', 'resume'], env);
      expect(resumed.code, resumed.stderr).toBe(0);
      const summary = parseSummary(resumed);
      // The same asset, continued where it stopped (its URLs still lead to the sandbox's storage): no new create.
      expect(summary.files[0]).toMatchObject({ outcome: 'completed', asset_id: assetId });
      expect(summary.api_calls?.by_bucket['v4:files.create_local_upload']).toBeUndefined();
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
