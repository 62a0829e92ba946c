// Resuming after the part URLs expired: the journaled placeholders cannot be continued (Frame.io never re-issues
// URLs), so resume deletes them and uploads those files into new assets — still no duplicates.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2Client } from '../../../src/core/frameio/v2-client';
import type { BatchRecord } from '../../../src/core/upload/journal';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index';
import { FERRY_BIN, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { readRemoteTree } from '../../support/remote';

const MiB = 1024 * 1024;
let sandbox: Sandbox;
let work: string;

beforeAll(async () => {
  // URLs valid for 2 minutes: inside the engine's 5-minute safety margin, so a resume treats them as expired.
  sandbox = await startSandbox({ partSizeBytes: MiB, urlExpiresS: 120 });
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-expired-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(work, { recursive: true, force: true });
});

describe('ferry resume after the upload URLs expired', () => {
  it('recreates the journaled assets, removes the old placeholders, and completes byte-for-byte', async () => {
    const client = new V2Client({ baseUrl: sandbox.apiUrl, token: sandbox.token });
    const root = path.join(work, 'Expired');
    const locals = [await makeFile(path.join(root, 'long.mov'), 5 * MiB + 3), await makeFile(path.join(root, 'short.wav'), 300_000)];
    const target = (await client.createFolder(sandbox.rootAssetId, 'expired')).id;
    const stateDir = path.join(work, 'state');
    const env = { FRAMEIO_TOKEN: sandbox.token, FERRY_STATE_DIR: stateDir };

    sandbox.setFaults({ seed: 5, putSlow: 1, slowBytesPerSec: MiB });
    try {
      const child = spawn(process.execPath, [FERRY_BIN, '--api', sandbox.apiUrl, 'upload', root, '--to', target, '--concurrency', '2'], { env: { ...process.env, ...env }, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const started = Date.now();
      while (Object.values(sandbox.stats().partPuts).reduce((n, p) => n + Object.keys(p).length, 0) < 2 && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 25));
      }
      child.kill('SIGINT');
      await exited;
    } finally {
      sandbox.setFaults({});
    }

    const journalDir = path.join(stateDir, 'journal');
    const [name] = await readdir(journalDir);
    const journaled = JSON.parse(await readFile(path.join(journalDir, name as string), 'utf8')) as BatchRecord;
    const oldAssets = journaled.files
      .filter((f) => f.status !== 'completed')
      .map((f) => f.assetId)
      .filter((id): id is string => id !== null);
    expect(oldAssets.length).toBeGreaterThan(0);

    const resumed = await runFerry(['--api', sandbox.apiUrl, '--json', 'resume'], env);
    expect(resumed.code, resumed.stderr).toBe(0);

    for (const id of oldAssets) await expect(client.getAsset(id)).rejects.toMatchObject({ kind: 'not_found' });
    const tree = await readRemoteTree(client, target);
    expect(tree.duplicates).toEqual([]);
    const files = [...tree.entries.values()].filter((a) => a.type === 'file');
    expect(files).toHaveLength(2);
    for (const local of locals) {
      const asset = tree.entries.get(`Expired/${path.basename(local)}`);
      expect(oldAssets).not.toContain(asset?.id);
      expect(await sha256Url(asset?.originalUrl as string)).toBe(await sha256File(local));
    }
  });
});
