// Memory that does not grow with the batch (issue 14 §5): while a batch of thousands of tiny files runs, the engine
// holds a FileState only for the files it is working on (bounded by the file slots and the confirmation look-ahead),
// not one per file of the batch; finished files keep only a compact record, and the report still lists every file.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILES_IN_FLIGHT_PER_BATCH, UploadEngine } from '../../../src/core/upload/engine';
import { Journal } from '../../../src/core/upload/journal';
import { scanPaths } from '../../../src/core/upload/scan';
import { FakeFrameio, instantSleep } from '../../support/fake-frameio';

const FILES = 5_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-engine-memory-'));
  for (let d = 0; d < FILES / 100; d++) {
    const folder = path.join(dir, 'tree', `d${String(d).padStart(3, '0')}`);
    await mkdir(folder, { recursive: true });
    await Promise.all(Array.from({ length: 100 }, (_, f) => writeFile(path.join(folder, `f${f}.bin`), Buffer.alloc(1 + (f % 7), f))));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a batch of 5,000 tiny files', () => {
  it('keeps FileStates only for the files in flight, and reports every file', { timeout: 120_000 }, async () => {
    const fake = new FakeFrameio();
    const journalDir = path.join(dir, 'journal');
    const engine = new UploadEngine({ client: fake, apiUrl: 'fake', journalDir, putPart: fake.putPart, sleep: instantSleep, concurrency: 4 });
    let most = 0;
    let states = 0;
    engine.on((event) => {
      if (event.type !== 'state') return;
      states++;
      most = Math.max(most, engine.files.length);
    });
    const scan = await scanPaths([path.join(dir, 'tree')]);
    const handle = engine.enqueue({ scan, targetFolderId: fake.root });
    expect(handle.fileIds).toHaveLength(FILES);
    // Queued files are there to be asked about (the window's rows, the CLI's totals) without living in memory.
    expect(engine.file(handle.fileIds[FILES - 1] as number)?.status).toBe('queued');
    expect(engine.files.length).toBeLessThanOrEqual(MAX_FILES_IN_FLIGHT_PER_BATCH);
    const report = await handle.done;
    expect(states).toBeGreaterThan(FILES);
    expect(most).toBeLessThanOrEqual(MAX_FILES_IN_FLIGHT_PER_BATCH);
    expect(engine.files).toEqual([]);
    expect(report.completed).toBe(FILES);
    expect(report.files).toHaveLength(FILES);
    // The report makes each file's record as it is read: it holds no array of 5,000 records.
    expect(Array.isArray(report.files)).toBe(false);
    expect(report.files.at(-1)).not.toBe(report.files.at(-1));
    expect(report.files.at(-1)).toEqual(report.files.at(-1));
    expect(new Set([...report.files].map((f) => f.path)).size).toBe(FILES);
    expect([...report.files].every((f) => f.status === 'completed' && f.assetId && f.xxHash)).toBe(true);
    expect([...report.files].map((f) => f.path)).toEqual(scan.files.map((f) => f.path));
    expect((await new Journal(journalDir).list()).batches).toEqual([]); // finished: nothing left to resume
  });

  it('pauses and cancels queued files that are not in memory yet, and retries the canceled ones', { timeout: 120_000 }, async () => {
    const fake = new FakeFrameio();
    const engine = new UploadEngine({ client: fake, apiUrl: 'fake', journalDir: path.join(dir, 'journal2'), putPart: fake.putPart, sleep: instantSleep, concurrency: 4 });
    const handle = engine.enqueue({ scan: await scanPaths([path.join(dir, 'tree')]), targetFolderId: fake.root });
    const last = handle.fileIds.slice(-10);
    engine.pause(last.slice(0, 5));
    engine.cancel(last.slice(5));
    expect(last.slice(0, 5).map((id) => engine.file(id)?.status)).toEqual(Array(5).fill('paused'));
    const paused = last.slice(0, 5);
    const done = handle.done;
    // The paused files wait without holding a slot: everything else finishes, then they are resumed.
    engine.on((event) => event.type === 'state' && event.file.id === handle.fileIds[FILES - 20] && event.file.status === 'completed' && engine.resume(paused));
    const report = await done;
    expect(report.completed).toBe(FILES - 5);
    expect(report.canceled).toBe(5);
    const again = await engine.retry(last.slice(5));
    expect(again[0]?.completed).toBe(5);
    expect(engine.files).toEqual([]);
  });
});
