// Resuming after the part URLs expired: the journaled placeholders cannot be continued (Frame.io never re-issues
// URLs), so resume deletes them and uploads those files into new assets — still no duplicates. Over V2, and over V4
// through the conformance proxy (the delete goes to the account the journal recorded).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BatchRecord, Journal } from '../../../src/core/upload/journal';
import { FERRY_BIN, runFerry } from '../../support/cli';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { readRemoteTree } from '../../support/remote';
import { useV4Sandbox } from '../../support/v4-fixture';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
// URLs valid for 2 minutes: inside the engine's 5-minute safety margin, so a resume treats them as expired.
const fx = useV4Sandbox({ partSizeBytes: MiB, urlExpiresS: 120 }, 'ferry-expired-');
const storedParts = () => Object.values(fx.sandbox.stats().partPuts).reduce((n, p) => n + Object.keys(p).length, 0);

describe.each(['v2', 'v4'] as const)('ferry resume over %s after the upload URLs expired', (api) => {
  it('recreates the journaled assets, removes the old placeholders, and completes byte-for-byte', async () => {
    const client = fx.client;
    const apiUrl = api === 'v4' ? fx.proxy.apiUrl : fx.sandbox.apiUrl;
    const root = path.join(fx.work, `Expired ${api}`);
    const locals = [await makeFile(path.join(root, 'long.mov'), 5 * MiB + 3), await makeFile(path.join(root, 'short.wav'), 300_000)];
    const target = await fx.freshFolder('expired');
    const stateDir = path.join(fx.work, `state-${api}`);
    const env = { FRAMEIO_TOKEN: fx.sandbox.token, FERRY_STATE_DIR: stateDir };

    const storedBefore = storedParts();
    fx.sandbox.setFaults({ seed: 5, putSlow: 1, slowBytesPerSec: MiB });
    const child = spawn(process.execPath, [FERRY_BIN, '--api', apiUrl, 'upload', root, '--to', target, '--concurrency', '2'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    try {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await waitFor(() => storedParts() - storedBefore >= 2, 'two parts stored', 20_000);
      child.kill('SIGINT');
      await exited;
    } finally {
      fx.sandbox.setFaults({});
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    const journalDir = path.join(stateDir, 'journal');
    const [journaled] = (await new Journal(journalDir).list()).batches as [BatchRecord]; // the snapshot plus its log
    const oldAssets = journaled.files
      .filter((f) => f.status !== 'completed')
      .map((f) => f.assetId)
      .filter((id): id is string => id !== null);
    expect(oldAssets.length).toBeGreaterThan(0);

    const resumed = await runFerry(['--api', apiUrl, '--json', 'resume'], env);
    expect(resumed.code, resumed.stderr).toBe(0);

    for (const id of oldAssets) await expect(client.getAsset(id)).rejects.toMatchObject({ kind: 'not_found' });
    const tree = await readRemoteTree(client, target);
    expect(tree.duplicates).toEqual([]);
    const files = [...tree.entries.values()].filter((a) => a.type === 'file');
    expect(files).toHaveLength(2);
    for (const local of locals) {
      const asset = tree.entries.get(`Expired ${api}/${path.basename(local)}`);
      expect(oldAssets).not.toContain(asset?.id);
      expect(await sha256Url(asset?.originalUrl as string)).toBe(await sha256File(local));
    }
    if (api === 'v4') await fx.conforms();
  });
});
