// Chaos seed 20261208 left one incomplete asset behind (V4, through `ferry`): a file appended to mid-upload, `ferry`
// killed with -9, then `ferry resume`. Two ways the kill can land, each followed by the append and `ferry resume`:
// - after the journal recorded the new asset's id: the resumed file fails at once (it changed), and that early failure
//   used to keep the journaled placeholder (the orphan);
// - between the create request and the journal write that records its answer (the create is held by a proxy here):
//   resume must find the unrecorded placeholder by the intent the journal holds (name, and the size the create was
//   made with), whatever size the file has grown to since.
// Either way: no incomplete asset is left, and the file is complete with its new content or failed with a reason.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../src/core/frameio/types';
import { Journal } from '../../../src/core/upload/journal';
import { FERRY_BIN, parseSummary, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { useV4Sandbox } from '../../support/v4-fixture';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
const fx = useV4Sandbox({ partSizeBytes: MiB }, 'ferry-grown-after-kill-');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  fx.sandbox.setFaults({});
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `ferry upload` in a child process, stopped by pid at the end of the test whatever happened. */
function startUpload(apiUrl: string, root: string, target: string, env: Record<string, string>): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [FERRY_BIN, '--api', apiUrl, 'upload', root, '--to', target, '--concurrency', '2'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, exited };
}

/** The asset id the journal holds for the one file of the one batch (null while none is recorded). */
async function journaledAssetId(stateDir: string): Promise<string | null> {
  const { batches } = await new Journal(path.join(stateDir, 'journal')).list();
  return batches[0]?.files[0]?.assetId ?? null;
}

async function allFiles(folderId: string): Promise<Asset[]> {
  const found: Asset[] = [];
  for (const child of await fx.client.listChildren(folderId)) {
    if (child.type === 'folder') found.push(...(await allFiles(child.id)));
    else found.push(child);
  }
  return found;
}

/** Resume, then the end state the chaos run's verify demands. */
async function resumeAndCheck(apiUrl: string, env: Record<string, string>, target: string, local: string): Promise<void> {
  const resumed = await runFerry(['--api', apiUrl, '--json', 'resume'], env);
  const summary = parseSummary(resumed);
  expect(summary.unfinished, resumed.stderr).toBe(0);
  const assets = await allFiles(target);
  expect(assets.filter((a) => !a.uploadComplete).map((a) => `${a.name} (${a.size} bytes, ${a.id})`), 'incomplete assets left').toEqual([]);
  const outcome = summary.files[0];
  if (outcome?.outcome === 'completed') {
    expect(assets).toHaveLength(1);
    expect(await sha256Url(assets[0]?.originalUrl as string)).toBe(await sha256File(local));
  } else {
    expect(outcome?.outcome).toBe('failed');
    expect(outcome?.error).toBeTruthy();
    expect(assets).toEqual([]);
  }
}

describe('a file grown while ferry was killed with -9, then ferry resume', () => {
  it('kill after the journal recorded the asset: no incomplete asset is left', async () => {
    const root = path.join(fx.work, 'recorded', 'drop');
    const local = await makeFile(path.join(root, 'clip 2516.mp4'), 4 * MiB + 321);
    const target = await fx.freshFolder('recorded');
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: path.join(fx.work, 'recorded', 'state') };
    fx.sandbox.setFaults({ seed: 3, putSlow: 1, slowBytesPerSec: 256 * 1024 });
    const { child, exited } = startUpload(fx.proxy.apiUrl, root, target, env);
    await waitFor(async () => (await journaledAssetId(env.FERRY_STATE_DIR)) !== null, 'the asset id in the journal');
    child.kill('SIGKILL');
    await exited;
    fx.sandbox.setFaults({});
    await appendFile(local, Buffer.alloc(40_000, 0x5a));
    await resumeAndCheck(fx.proxy.apiUrl, env, target, local);
  });

  it('kill while the create was sent but its answer not journaled: no incomplete asset is left', async () => {
    // A proxy that forwards everything, but holds the answer to the first create until the process is dead.
    let holding = true;
    let created = false;
    const upstream = new URL(fx.proxy.apiUrl);
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const hold = holding && req.method === 'POST' && /\/files\/local_upload$/.test(req.url ?? '');
        const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (hold) {
              created = true; // the sandbox made the asset; the client never hears of it
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`;

    const root = path.join(fx.work, 'unrecorded', 'drop');
    const local = await makeFile(path.join(root, 'clip 2516.mp4'), 4 * MiB + 321);
    const target = await fx.freshFolder('unrecorded');
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: path.join(fx.work, 'unrecorded', 'state') };
    const { child, exited } = startUpload(apiUrl, root, target, env);
    await waitFor(() => created, 'the create made on the sandbox');
    child.kill('SIGKILL');
    await exited;
    holding = false;
    expect(await journaledAssetId(env.FERRY_STATE_DIR)).toBeNull();
    expect((await allFiles(target)).filter((a) => !a.uploadComplete)).toHaveLength(1);
    await appendFile(local, Buffer.alloc(40_000, 0x5a));
    await resumeAndCheck(apiUrl, env, target, local);
  });
});
