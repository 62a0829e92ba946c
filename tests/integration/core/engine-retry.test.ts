// Retry is the same file again, on the real sandbox: a failed new version comes back as a version, and a batch
// resumed after one of its files was retried does not upload that file twice (both failed before the engine kept
// one record per file: a retry was a new upload into a new batch, with a plain "skip" policy).
import { appendFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadEngine } from '../../../src/core/upload/engine';
import { Journal } from '../../../src/core/upload/journal';
import { scanPaths } from '../../../src/core/upload/scan';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
const fx = useSandbox({ partSizeBytes: MiB }, 'ferry-retry-');

describe('retry on the sandbox', () => {
  it('a failed new version, retried, is stacked as a version of the original', async () => {
    const target = await fx.freshFolder('version-retry');
    const v1 = await makeFile(path.join(fx.work, 'v1', 'edit.mp4'), 3000);
    const first = await new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir: null }).upload({ scan: await scanPaths([v1]), targetFolderId: target });
    const v2 = await makeFile(path.join(fx.work, 'v2', 'edit.mp4'), 3 * MiB);
    const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir: null, concurrency: 1 });
    let changed = false;
    engine.on((e) => {
      if (e.type === 'state' && e.file.status === 'uploading' && !changed) {
        changed = true;
        void appendFile(v2, 'more'); // still being written: this attempt fails, clearly
      }
    });
    fx.sandbox.setFaults({ seed: 1, putSlow: 1, slowBytesPerSec: 4 * MiB });
    const handle = engine.enqueue({ scan: await scanPaths([v2]), targetFolderId: target, versionOf: { assetId: first.files.at(0)?.assetId as string, parentId: target } });
    try {
      expect((await handle.done).failed).toBe(1);
    } finally {
      fx.sandbox.setFaults({});
    }
    const [again] = await engine.retry(handle.fileIds);
    expect(again?.completed).toBe(1);
    const children = await fx.client.listChildren(target);
    expect(children.map((c) => c.type)).toEqual(['version_stack']);
    const versions = await fx.client.listChildren(children[0]?.id as string);
    expect(versions.map((v) => v.size).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([3000, 3 * MiB + 4]);
    const newest = versions.find((v) => v.size === 3 * MiB + 4);
    expect(await sha256Url(newest?.originalUrl as string)).toBe(await sha256File(v2));
  });

  it('a batch resumed after one of its files was retried does not upload that file again', async () => {
    const target = await fx.freshFolder('resume-after-retry');
    const journalDir = path.join(fx.work, 'journal');
    const a = await makeFile(path.join(fx.work, 'dup', 'a.mov'), 2 * MiB);
    const b = await makeFile(path.join(fx.work, 'dup', 'b.mov'), 12 * MiB);
    const controller = new AbortController();
    const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir, concurrency: 2, signal: controller.signal });
    let moved = false;
    engine.on((e) => {
      if (e.type === 'state' && e.file.path === a && e.file.status === 'uploading' && !moved) {
        moved = true;
        void rename(a, `${a}.away`); // a's disk goes away for a moment: it fails; b goes on
      }
    });
    fx.sandbox.setFaults({ seed: 1, putSlow: 1, slowBytesPerSec: 2 * MiB });
    const handle = engine.enqueue({ scan: await scanPaths([a, b]), targetFolderId: target });
    const [idA] = handle.fileIds as [number, number];
    try {
      await waitFor(() => engine.file(idA)?.status === 'failed', 'a to fail');
      await rename(`${a}.away`, a); // back, unchanged
      expect((await engine.retry([idA]))[0]?.completed).toBe(1);
      controller.abort(new Error('quitting')); // b is interrupted: its batch stays journaled
      expect((await handle.done).unfinished).toBe(1);
    } finally {
      fx.sandbox.setFaults({});
    }
    const { batches } = await new Journal(journalDir).list();
    expect(batches.map((batch) => batch.files.map((f) => [f.name, f.status]))).toEqual([[['a.mov', 'completed'], ['b.mov', 'uploading']]]);
    const resumed = await new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir }).resumeBatch(batches[0]!).done;
    expect(resumed.completed).toBe(1);
    expect((await fx.client.listChildren(target)).map((c) => c.name).sort()).toEqual(['a.mov', 'b.mov']);
  });
});
