// The engine's controls and policies against the sandbox: pause/resume, cancel, conflict policies, folder reuse,
// versions, and checksums.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadEngine } from '../../../src/core/upload/engine';
import { scanPaths } from '../../../src/core/upload/scan';
import { runUpload } from '../../support/engine';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { readRemoteTree } from '../../support/remote';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
const fx = useSandbox({ partSizeBytes: MiB }, 'ferry-engine-');

/** Time passing, measured in work done: a small upload through the same engine, start to finish. A paused file that
 * would send anything does so within it (its parts were queued before this one's). */
async function aBeat(engine: UploadEngine, name: string): Promise<void> {
  const file = await makeFile(path.join(fx.work, 'beats', `${name}.txt`), 10_000);
  const report = await engine.upload({ scan: await scanPaths([file]), targetFolderId: await fx.freshFolder('beat') });
  expect(report.completed).toBe(1);
}

const putsOf = (assetIds: ReadonlyArray<string | null | undefined>) =>
  assetIds.reduce((n, id) => n + Object.values(fx.sandbox.stats().partPuts[id ?? ''] ?? {}).reduce((a, b) => a + b, 0), 0);

describe('engine controls', () => {
  it('pauses a file (nothing is sent while paused) and resumes it to completion', async () => {
    const file = await makeFile(path.join(fx.work, 'pause.mov'), 4 * MiB + 9);
    const target = await fx.freshFolder('pause');
    fx.sandbox.setFaults({ seed: 4, putSlow: 1, slowBytesPerSec: 2 * MiB });
    try {
      const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir: null, concurrency: 2 });
      let paused = false;
      engine.on((event) => {
        if (event.type === 'state' && event.file.status === 'uploading' && !paused) {
          paused = true;
          engine.pause([event.file.id]);
        }
      });
      const { fileIds: [id], done } = engine.enqueue({ scan: await scanPaths([file]), targetFolderId: target });
      await waitFor(() => paused, 'the pause');
      await aBeat(engine, 'p1'); // requests already on the wire when we paused may still reach the server
      const assetId = engine.file(id as number)?.assetId;
      const attemptsWhilePaused = putsOf([assetId]);
      await aBeat(engine, 'p2');
      expect(putsOf([assetId])).toBe(attemptsWhilePaused);
      expect(engine.file(id as number)?.status).toBe('paused');
      engine.resume();
      const report = await done;
      expect(report.completed).toBe(1);
      const asset = await fx.client.getAsset(report.files.at(0)?.assetId as string);
      expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(file));
    } finally {
      fx.sandbox.setFaults({});
    }
  });

  it('pauses and resumes a whole batch by its id', async () => {
    const root = path.join(fx.work, 'batch-pause');
    for (let i = 0; i < 4; i++) await makeFile(path.join(root, `p${i}.mov`), MiB + i);
    const target = await fx.freshFolder('batch-pause');
    fx.sandbox.setFaults({ seed: 4, putSlow: 1, slowBytesPerSec: MiB });
    try {
      const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir: null, concurrency: 2 });
      const { batchId, done } = engine.enqueue({ scan: await scanPaths([root]), targetFolderId: target });
      await waitFor(() => engine.files.some((f) => f.status === 'uploading'), 'a file uploading');
      const ids = engine.fileIdsOf(batchId);
      expect(ids).toHaveLength(4);
      engine.pause(ids);
      expect(ids.every((id) => engine.file(id)?.status === 'paused')).toBe(true);
      await aBeat(engine, 'b1'); // requests already on the wire when we paused may still reach the server
      const assets = ids.map((id) => engine.file(id)?.assetId);
      const attempts = putsOf(assets);
      await aBeat(engine, 'b2');
      expect(putsOf(assets)).toBe(attempts);
      engine.resume(ids);
      expect((await done).completed).toBe(4);
    } finally {
      fx.sandbox.setFaults({});
    }
  });

  it('cancels a file mid-upload and removes its placeholder', async () => {
    const file = await makeFile(path.join(fx.work, 'cancel.mov'), 4 * MiB);
    const target = await fx.freshFolder('cancel');
    fx.sandbox.setFaults({ seed: 4, putSlow: 1, slowBytesPerSec: MiB });
    try {
      // One part at a time (1 MiB/s each): after the first is acknowledged, three are still to go when cancel lands.
      const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir: null, concurrency: 1 });
      const { fileIds: [id], done } = engine.enqueue({ scan: await scanPaths([file]), targetFolderId: target });
      await waitFor(() => (engine.file(id as number)?.partsDone.size ?? 0) >= 1, 'a part acknowledged');
      engine.cancel([id as number]);
      const report = await done;
      expect(report.canceled).toBe(1);
      expect(report.files.at(0)?.assetId).toBeNull();
    } finally {
      fx.sandbox.setFaults({});
    }
    expect(await fx.client.listChildren(target)).toEqual([]);
  });
});

describe('conflicts, folders, versions, checksums', () => {
  it('skip: uploading the same folder twice reuses the folder and skips identical files', async () => {
    const root = path.join(fx.work, 'Day 2');
    await makeFile(path.join(root, 'Cam A', 'a.mov'), 5000);
    await makeFile(path.join(root, 'b.wav'), 7000);
    const target = await fx.freshFolder('skip');
    const first = await runUpload(await scanPaths([root]), { client: fx.client, targetFolderId: target });
    expect(first.completed).toBe(2);
    await makeFile(path.join(root, 'c.txt'), 10);
    const second = await runUpload(await scanPaths([root]), { client: fx.client, targetFolderId: target });
    expect(second.skipped).toBe(2);
    expect(second.completed).toBe(1);
    const tree = await readRemoteTree(fx.client, target);
    expect(tree.duplicates).toEqual([]);
    expect([...tree.entries.keys()].sort()).toEqual(['Day 2', 'Day 2/Cam A', 'Day 2/Cam A/a.mov', 'Day 2/b.wav', 'Day 2/c.txt']);
  });

  it('rename: a clashing name becomes "name (1).ext"', async () => {
    const file = await makeFile(path.join(fx.work, 'clash', 'take.mov'), 3000);
    const target = await fx.freshFolder('rename');
    await runUpload(await scanPaths([file]), { client: fx.client, targetFolderId: target });
    const again = await runUpload(await scanPaths([file]), { client: fx.client, targetFolderId: target, onConflict: 'rename' });
    expect(again.files.at(0)?.remoteName).toBe('take (1).mov');
    expect((await fx.client.listChildren(target)).map((a) => a.name).sort()).toEqual(['take (1).mov', 'take.mov']);
  });

  it('version: a clashing name is stacked onto the existing asset', async () => {
    const v1 = await makeFile(path.join(fx.work, 'v1', 'edit.mp4'), 3000);
    const v2 = await makeFile(path.join(fx.work, 'v2', 'edit.mp4'), 4000);
    const target = await fx.freshFolder('version');
    await runUpload(await scanPaths([v1]), { client: fx.client, targetFolderId: target });
    const report = await runUpload(await scanPaths([v2]), { client: fx.client, targetFolderId: target, onConflict: 'version' });
    expect(report.completed).toBe(1);
    const children = await fx.client.listChildren(target);
    expect(children).toHaveLength(1);
    expect(children[0]?.type).toBe('version_stack');
    const versions = await fx.client.listChildren(children[0]?.id as string);
    expect(versions.map((a) => a.size).sort()).toEqual([3000, 4000]);
  });

  it('reports the local xxHash64, equal to the one Frame.io computes', async () => {
    const file = await makeFile(path.join(fx.work, 'hash.mov'), 2 * MiB + 77);
    const target = await fx.freshFolder('hash');
    const report = await runUpload(await scanPaths([file]), { client: fx.client, targetFolderId: target });
    expect(report.files.at(0)?.xxHash).toMatch(/^[0-9a-f]{16}$/);
    // Frame.io computes its checksum after the upload completes: wait for it, then compare with ours.
    const id = report.files.at(0)?.assetId as string;
    await waitFor(async () => (await fx.client.getAsset(id)).xxHash !== null, "Frame.io's checksum");
    expect((await fx.client.getAsset(id)).xxHash).toBe(report.files.at(0)?.xxHash);
  });
});
