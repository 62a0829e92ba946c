// The engine by itself: an in-memory Frame.io and part uploader (tests/support/fake-frameio.ts), real files in a temp
// folder, no network and no fixed sleeps. Each test steers the engine through one situation a person meets.
import { getEventListeners } from 'node:events';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xxHash64File } from '../../../src/core/upload/file-hasher';
import { type EngineEvent, type EngineOptions, UploadEngine } from '../../../src/core/upload/engine';
import type { FileStatus } from '../../../src/core/upload/file-state';
import { Journal } from '../../../src/core/upload/journal';
import { scanPaths } from '../../../src/core/upload/scan';
import { FakeFrameio, instantSleep } from '../../support/fake-frameio';
import { waitFor } from '../../support/wait';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-engine-unit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, bytes: number): Promise<string> {
  const p = path.join(dir, name);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, Buffer.alloc(bytes, name.length));
  return p;
}

function start(fake: FakeFrameio, options: Partial<EngineOptions> = {}) {
  const engine = new UploadEngine({ client: fake, apiUrl: 'fake', journalDir: null, putPart: fake.putPart, sleep: instantSleep, concurrency: 2, ...options });
  const moves: Array<[number, FileStatus]> = [];
  engine.on((event: EngineEvent) => event.type === 'state' && moves.push([event.file.id, event.file.status]));
  const statusesOf = (id: number) => moves.filter(([f]) => f === id).map(([, s]) => s);
  return { engine, statusesOf };
}

const NOT_SIGNED = { kind: 'http', status: 403, s3Code: 'AccessDenied', message: 'There were headers present in the request which were not signed', requestId: 'R1' } as const;

describe('a batch', () => {
  it('hands back its ids at once, moves each file queued → creating → uploading → confirming → completed, and lets finished files go', async () => {
    const fake = new FakeFrameio();
    const { engine, statusesOf } = start(fake);
    const batchEvents: string[] = [];
    engine.on((e) => e.type === 'batch' && batchEvents.push(e.batchId));
    const handle = engine.enqueue({ scan: await scanPaths([await file('a.mov', 10), await file('b.wav', 3)]), targetFolderId: fake.root });
    expect(handle.fileIds).toHaveLength(2);
    expect(batchEvents).toEqual([handle.batchId]); // the rows exist before anything moves
    const report = await handle.done;
    expect(report.completed).toBe(2);
    expect(statusesOf(handle.fileIds[0] as number)).toEqual(['creating', 'uploading', 'confirming', 'completed']);
    // two files create at once, so the server may store either first
    expect(fake.childrenOf(fake.root).map((a) => [a.name, a.received.size, a.parts]).sort()).toEqual([['a.mov', 3, 3], ['b.wav', 1, 1]]);
    expect(engine.files).toEqual([]); // reported and done: nothing of them is kept in memory
    expect([...report.files].map((f) => f.status)).toEqual(['completed', 'completed']);
  });
});

describe('a new version', () => {
  it('is exactly one file: the engine refuses a folder or several files before anything starts', async () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake);
    const scan = await scanPaths([await file('a.mov', 4), await file('b.mov', 4)]);
    expect(() => engine.enqueue({ scan, targetFolderId: fake.root, versionOf: { assetId: 'x', parentId: fake.root } })).toThrow(/exactly one file/);
    expect(fake.calls).toEqual([]);
  });
});

describe('pause and cancel', () => {
  it('pausing during a part stops it; nothing is sent while paused; resuming re-sends that part and completes', async () => {
    const fake = new FakeFrameio();
    const { engine, statusesOf } = start(fake);
    fake.holdPartsFromNowOn();
    const handle = engine.enqueue({ scan: await scanPaths([await file('a.mov', 8)]), targetFolderId: fake.root });
    const [id] = handle.fileIds as [number];
    await waitFor(() => fake.held.length === 2, 'both parts in flight');
    engine.pause([id]);
    expect(engine.file(id)?.status).toBe('paused');
    const putsWhilePaused = fake.puts.length;
    fake.holdPartsFromNowOn(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.puts.length).toBe(putsWhilePaused);
    engine.resume([id]);
    expect((await handle.done).completed).toBe(1);
    expect(fake.puts.filter((p) => p.endsWith('/0'))).toHaveLength(2); // aborted once, sent again
    expect(statusesOf(id)).toEqual(['creating', 'uploading', 'paused', 'uploading', 'confirming', 'completed']);
  });

  it('canceling while the asset is being created removes the new placeholder', async () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake);
    const release = fake.holdNextCall('createFile');
    const handle = engine.enqueue({ scan: await scanPaths([await file('a.mov', 8)]), targetFolderId: fake.root });
    await waitFor(() => engine.file(handle.fileIds[0] as number)?.status === 'creating', 'the create call');
    engine.cancel(handle.fileIds);
    release();
    const report = await handle.done;
    expect(report.canceled).toBe(1);
    expect(report.files.at(0)?.assetId).toBeNull();
    expect(fake.calls).toContain('deleteAsset');
    expect(fake.childrenOf(fake.root)).toEqual([]);
  });
});

describe('retry is the same file again', () => {
  it('a failed new version, retried, keeps its id and lands as a version of the original (not a sibling)', async () => {
    const fake = new FakeFrameio();
    const original = await fake.createFile(fake.root, { name: 'edit.mp4', size: 4, mediaType: 'video/mp4' });
    const { engine, statusesOf } = start(fake);
    fake.failNextPut(NOT_SIGNED);
    const handle = engine.enqueue({
      scan: await scanPaths([await file('v2/edit.mp4', 6)]),
      targetFolderId: fake.root,
      versionOf: { assetId: original.asset.id, parentId: fake.root },
    });
    const [id] = handle.fileIds as [number];
    expect((await handle.done).failed).toBe(1);
    expect(engine.file(id)?.error).toMatch(/part \d: storage answered 403 AccessDenied/);
    const [again] = await engine.retry([id]);
    expect(again?.completed).toBe(1);
    expect([...(again?.files ?? [])].map((f) => f.id)).toEqual([id]);
    expect(statusesOf(id)).toEqual(['creating', 'uploading', 'failed', 'queued', 'creating', 'uploading', 'confirming', 'completed']);
    const children = fake.childrenOf(fake.root);
    expect(children.map((a) => a.type)).toEqual(['version_stack']);
    expect(fake.childrenOf(children[0]?.id as string).map((a) => a.size)).toEqual([4, 6]);
  });

  it('a batch resumed after one of its files was retried does not upload that file again', async () => {
    const fake = new FakeFrameio();
    const journalDir = path.join(dir, 'journal');
    const controller = new AbortController();
    const { engine } = start(fake, { journalDir, signal: controller.signal });
    const a = await file('a.mov', 4);
    const b = await file('b.mov', 4);
    fake.failNextPut(NOT_SIGNED, (req) => req.path === a);
    fake.holdPartsFromNowOn(); // b's parts wait in flight
    const handle = engine.enqueue({ scan: await scanPaths([a, b]), targetFolderId: fake.root });
    const [idA] = handle.fileIds as [number, number];
    await waitFor(() => engine.file(idA)?.status === 'failed' && fake.held.length > 0, 'a to fail while b uploads');
    fake.holdPartsFromNowOn(false);
    expect((await engine.retry([idA]))[0]?.completed).toBe(1);
    controller.abort(new Error('quitting')); // b is interrupted; its batch stays journaled
    const report = await handle.done;
    expect(report.unfinished).toBe(1);
    const { batches } = await new Journal(journalDir).list();
    expect(batches.map((batch) => batch.files.map((f) => [f.name, f.status]))).toEqual([[['a.mov', 'completed'], ['b.mov', 'uploading']]]);

    const later = start(fake, { journalDir });
    expect((await later.engine.resumeBatch(batches[0]!).done).completed).toBe(1);
    expect(fake.childrenOf(fake.root).map((x) => x.name).sort()).toEqual(['a.mov', 'b.mov']);
    expect(await new Journal(journalDir).list()).toEqual({ batches: [], unreadable: [] });
  });

  it('a file changed since it failed is read afresh on retry', async () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake);
    const a = await file('a.mov', 8);
    fake.failNextPut(NOT_SIGNED);
    const handle = engine.enqueue({ scan: await scanPaths([a]), targetFolderId: fake.root });
    await handle.done;
    await appendFile(a, Buffer.alloc(5));
    const [report] = await engine.retry(handle.fileIds);
    expect(report?.completed).toBe(1);
    expect(fake.childrenOf(fake.root).map((x) => x.size)).toEqual([13]);
  });
});

describe('failures on the way', () => {
  it('a token that expires mid-part asks once for a new one, shared by every file, and finishes', async () => {
    const fake = new FakeFrameio();
    let asked = 0;
    const { engine } = start(fake, {
      requestToken: async () => {
        asked++;
        fake.acceptToken('new-token');
        return 'new-token';
      },
    });
    fake.holdPartsFromNowOn();
    const handle = engine.enqueue({ scan: await scanPaths([await file('a.mov', 4), await file('b.mov', 4)]), targetFolderId: fake.root });
    await waitFor(() => fake.held.length === 2, 'a part of each file in flight');
    fake.expireToken();
    fake.holdPartsFromNowOn(false);
    for (const part of fake.held.splice(0)) part.release();
    expect((await handle.done).completed).toBe(2);
    expect(asked).toBe(1);
  });

  it('with nobody to ask for a token, a 401 leaves the files unfinished (journaled), not failed', async () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake);
    fake.expireToken();
    const report = await engine.upload({ scan: await scanPaths([await file('a.mov', 4)]), targetFolderId: fake.root });
    expect(report.unfinished).toBe(1);
    expect(report.files.at(0)?.error).toMatch(/rejected the token/);
  });

  it('an expired URL deletes the placeholder, creates the asset again and sends every part again', async () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake);
    fake.failNextPut({ kind: 'http', status: 403, s3Code: 'AccessDenied', message: 'Request has expired', requestId: 'R2' });
    const report = await engine.upload({ scan: await scanPaths([await file('a.mov', 8)]), targetFolderId: fake.root });
    expect(report.completed).toBe(1);
    expect(report.files.at(0)?.retries).toBe(1);
    expect(fake.calls.filter((c) => c === 'createFile')).toHaveLength(2);
    expect(fake.childrenOf(fake.root)).toHaveLength(1);
  });

  it('a network that is gone makes the file wait (offline) without spending retries, then it finishes', async () => {
    let online = false;
    const fake = new FakeFrameio({ probe: async () => online });
    const { engine, statusesOf } = start(fake);
    const network: boolean[] = [];
    engine.on((e) => e.type === 'network' && network.push(e.online));
    fake.failNextPut({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const handle = engine.enqueue({ scan: await scanPaths([await file('a.mov', 4)]), targetFolderId: fake.root });
    const [id] = handle.fileIds as [number];
    await waitFor(() => engine.file(id)?.status === 'offline', 'the file to wait for the network');
    online = true;
    engine.networkChanged(true);
    const report = await handle.done;
    expect(report.completed).toBe(1);
    expect(report.files.at(0)?.retries).toBe(0);
    expect(statusesOf(id)).toEqual(['creating', 'uploading', 'offline', 'uploading', 'confirming', 'completed']);
    expect(network).toEqual([false, true]);
  });

  it('a one-part file sent twice (a reset, then success) reports the xxHash64 of its bytes, not of both attempts', async () => {
    const fake = new FakeFrameio({ partSize: 64 });
    const { engine } = start(fake);
    const a = await file('one-part.wav', 40);
    fake.failNextPut({ kind: 'http', status: 500, s3Code: 'InternalError', message: 'We encountered an internal error.', requestId: 'R4' });
    const report = await engine.upload({ scan: await scanPaths([a]), targetFolderId: fake.root });
    expect(report.files.at(0)?.retries).toBe(1);
    expect(report.files.at(0)?.xxHash).toBe(await xxHash64File(a));
  });

  it('a throttled part is retried with backoff, counted, and halves the parts in flight', async () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake, { concurrency: 4 });
    fake.failNextPut({ kind: 'http', status: 503, s3Code: 'SlowDown', message: 'Please reduce your request rate.', requestId: 'R3' });
    const report = await engine.upload({ scan: await scanPaths([await file('a.mov', 16)]), targetFolderId: fake.root });
    expect(report.completed).toBe(1);
    expect(report.files.at(0)?.retries).toBe(1);
    expect(fake.pacer.statistics().storage?.throttled).toBe(1);
  });
});

describe('interrupting an engine', () => {
  it('ends a paused file kept paused (journaled paused), and one resumed before it as interrupted', async () => {
    const fake = new FakeFrameio();
    const controller = new AbortController();
    const { engine } = start(fake, { signal: controller.signal, concurrency: 1 });
    fake.holdPartsFromNowOn();
    const handle = engine.enqueue({ scan: await scanPaths([await file('a.mov', 4), await file('b.mov', 4)]), targetFolderId: fake.root });
    const [a, b] = handle.fileIds as [number, number];
    engine.pause([a, b]);
    engine.resume([b]);
    await waitFor(() => fake.held.length === 1, "b's part in flight");
    controller.abort(new Error('quitting'));
    const report = await handle.done;
    expect(report.unfinished).toBe(2);
    expect(engine.file(a)?.status).toBe('paused');
    expect(engine.file(a)?.error).toBeNull();
    expect(engine.file(b)?.status).toBe('uploading');
    expect(engine.file(b)?.error).toMatch(/interrupted/);
  });

  it('"online" from the OS makes the network gate probe now; "offline" changes nothing', () => {
    const fake = new FakeFrameio();
    const { engine } = start(fake);
    let rechecks = 0;
    fake.pacer.network.recheckNow = () => void rechecks++;
    engine.networkChanged(false);
    expect(rechecks).toBe(0);
    engine.networkChanged(true);
    expect(rechecks).toBe(1);
  });
});

describe('a big batch', () => {
  it('reports progress for the files that are moving, never for every queued file (a tick costs the active files, not the batch)', async () => {
    const fake = new FakeFrameio();
    let ticks = 0;
    let largest = 0;
    let queuedReported = 0;
    const putPart: EngineOptions['putPart'] = async (...args) => {
      await waitFor(() => ticks >= 2, 'two progress ticks');
      return fake.putPart(...args);
    };
    const { engine } = start(fake, { putPart });
    engine.on((e) => {
      if (e.type !== 'progress') return;
      ticks++;
      largest = Math.max(largest, e.files.length);
      queuedReported += e.files.filter((f) => f.status === 'queued').length;
    });
    for (let i = 0; i < 200; i++) await file(`many/f${i}.bin`, 3);
    const report = await engine.upload({ scan: await scanPaths([path.join(dir, 'many')]), targetFolderId: fake.root });
    expect(report.completed).toBe(200);
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(queuedReported).toBe(0);
    expect(largest).toBeLessThanOrEqual(20); // the file slots (2 × max(parts in flight, creates in flight)), not 200
  });

  it('leaves no listener per file on the shared abort signal (each made the next addEventListener slower)', async () => {
    const fake = new FakeFrameio();
    const stop = new AbortController();
    const { engine } = start(fake, { signal: stop.signal });
    for (let i = 0; i < 100; i++) await file(`signal/f${i}.bin`, 3);
    const report = await engine.upload({ scan: await scanPaths([path.join(dir, 'signal')]), targetFolderId: fake.root });
    expect(report.completed).toBe(100);
    expect(getEventListeners(stop.signal, 'abort').length).toBeLessThan(10);
  });
});
