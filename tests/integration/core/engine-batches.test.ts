// Batches that overlap, batches that fail before their files start, and pauses that outlive the process: each
// batch keeps its own progress ticks and journal, a batch that cannot start fails its files (an interruption does
// not), and a file the person paused comes back paused after a restart.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FrameioError } from '../../../src/core/frameio/errors';
import { V2Client } from '../../../src/core/frameio/v2-client';
import { type BatchReport, type EngineEvent, UploadEngine } from '../../../src/core/upload/engine';
import type { FileState } from '../../../src/core/upload/file-state';
import { type BatchRecord, Journal } from '../../../src/core/upload/journal';
import { scanPaths } from '../../../src/core/upload/scan';
import { makeFile, sha256File, sha256Url } from '../../support/files';
import { useSandbox } from '../../support/sandbox-fixture';
import { waitFor } from '../../support/wait';

const MiB = 1024 * 1024;
const fx = useSandbox({ partSizeBytes: MiB }, 'ferry-batches-');
/** A batch's journal as resume reads it: the snapshot with its log replayed (journal-log.ts). */
const readBatch = async (dir: string, id: string) => {
  const batch = await new Journal(dir).read(id);
  if (!batch) throw new Error(`no readable journal for batch ${id} in ${dir}`);
  return batch;
};

describe('overlapping batches', () => {
  it('keep their progress ticks and their own journals when one finishes first', async () => {
    const journalDir = path.join(fx.work, 'overlap-journal');
    const big = await makeFile(path.join(fx.work, 'overlap', 'big.mov'), 6 * MiB + 5);
    const small = await makeFile(path.join(fx.work, 'overlap', 'small.wav'), 20_000);
    const target = await fx.freshFolder('overlap');
    fx.sandbox.setFaults({ seed: 2, putSlow: 1, slowBytesPerSec: 0.75 * MiB });
    try {
      const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir, concurrency: 2 });
      let bigProgressEvents = 0;
      engine.on((event) => {
        if (event.type === 'progress' && event.files.some((f) => f.path === big)) bigProgressEvents++;
      });
      const bigJob = engine.upload({ scan: await scanPaths([big]), targetFolderId: target });
      const smallReport = await engine.upload({ scan: await scanPaths([small]), targetFolderId: target });
      expect(smallReport.completed).toBe(1);
      const bigFile = engine.files.find((f) => f.path === big) as FileState;
      expect(bigFile.status).not.toBe('completed');
      const ticksBefore = bigProgressEvents;

      // The big batch's acknowledged parts reach its own journal while it runs (not the finished batch's).
      await waitFor(() => bigFile.partsDone.size >= 2, 'two parts of the big file');
      const bigBatchId = (await readdir(journalDir)).filter((n) => n.endsWith('.json')).map((n) => n.replace(/\.json$/, '')).find((id) => id !== smallReport.batchId) as string;
      await waitFor(async () => ((await readBatch(journalDir, bigBatchId)).files[0]?.partsDone.length ?? 0) >= 2, "the big batch's journal to hold its parts");

      const bigReport = await bigJob;
      expect(bigReport.completed).toBe(1);
      expect(bigReport.elapsedMs).toBeGreaterThan(2000);
      // ≈4 a second for the ≥ 2 s the big file went on alone.
      expect(bigProgressEvents - ticksBefore).toBeGreaterThanOrEqual(5);
      // Both finished: no journal left behind (the small one's is not written again by the big one's parts).
      expect(await readdir(journalDir)).toEqual([]);
    } finally {
      fx.sandbox.setFaults({});
    }
  });
});

/** A client whose folder creation fails (or waits for `gate`, then fails): a view-only project, a reset mid-POST. */
class FolderFailingClient extends V2Client {
  constructor(
    private readonly failure: () => Error,
    private readonly gate: Promise<void> = Promise.resolve(),
  ) {
    super({ baseUrl: fx.sandbox.apiUrl, token: fx.sandbox.token });
  }

  onCreateFolder = () => {};

  override async createFolder(): Promise<never> {
    this.onCreateFolder();
    await this.gate;
    throw this.failure();
  }
}

describe('a batch that cannot start', () => {
  it('fails its files with the reason (events, report, journal) when a folder cannot be created', async () => {
    const journalDir = path.join(fx.work, 'denied-journal');
    const root = path.join(fx.work, 'Day 2');
    await makeFile(path.join(root, 'a.mov'), 3000);
    await makeFile(path.join(root, 'Cam B', 'b.mov'), 4000);
    const target = await fx.freshFolder('denied');
    const denying = new FolderFailingClient(() => new FrameioError('forbidden', 'You do not have permission to upload to this project', 403));
    const engine = new UploadEngine({ client: denying, apiUrl: fx.sandbox.apiUrl, journalDir });
    const states: FileState[] = [];
    let batchId = '';
    engine.on((event: EngineEvent) => {
      if (event.type === 'state') states.push({ ...event.file });
      if (event.type === 'batch') batchId = event.batchId;
    });

    await expect(engine.upload({ scan: await scanPaths([root]), targetFolderId: target })).rejects.toThrow(/permission/);
    expect(engine.files.map((f) => f.status)).toEqual(['failed', 'failed']);
    for (const f of engine.files) expect(f.error).toBe('Could not create the folder "Day 2" in Frame.io: You do not have permission to upload to this project');
    expect(states.filter((s) => s.status === 'failed').map((s) => s.id).sort()).toEqual(engine.files.map((f) => f.id).sort());

    const journaled = await readBatch(journalDir, batchId);
    expect(journaled.files.map((f) => [f.status, f.error])).toEqual(engine.files.map((f) => ['failed', f.error]));
    // The desktop resumes at launch only batches with interrupted files; this one waits for a retry instead.
    expect(journaled.files.every((f) => f.status === 'failed')).toBe(true);

    // `ferry resume` (folder creation working again) tries them again, folders included.
    const resumed = await new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir }).resumeBatch(journaled).done;
    expect(resumed.completed).toBe(2);
    expect(await readdir(journalDir)).toEqual([]);
  });

  it('leaves its files unfinished (journaled for resume, not failed) when interrupted while creating folders', async () => {
    const journalDir = path.join(fx.work, 'interrupted-journal');
    const root = path.join(fx.work, 'Day 3');
    await makeFile(path.join(root, 'c.mov'), 3000);
    const target = await fx.freshFolder('interrupted');
    const controller = new AbortController();
    const aborted = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve()));
    const resetting = new FolderFailingClient(() => new FrameioError('network', 'Cannot reach Frame.io: socket hang up'), aborted);
    let creating = false;
    resetting.onCreateFolder = () => (creating = true);
    const engine = new UploadEngine({ client: resetting, apiUrl: fx.sandbox.apiUrl, journalDir, signal: controller.signal });
    let batchId = '';
    engine.on((event) => {
      if (event.type === 'batch') batchId = event.batchId;
    });
    const job = engine.upload({ scan: await scanPaths([root]), targetFolderId: target });
    await waitFor(() => creating, 'the folder to be on its way');
    controller.abort(new Error('quitting'));
    await expect(job).rejects.toThrow(/socket hang up/);
    expect(engine.files[0]?.status).toBe('queued');
    expect(engine.files[0]?.error).toMatch(/interrupted/);
    const journaled = await readBatch(journalDir, batchId);
    expect(journaled.files[0]?.status).toBe('queued');
    expect(journaled.folders).toEqual({}); // stopped before any folder existed: resume must still create "Day 3"

    const resumed = await new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir }).resumeBatch(journaled).done;
    expect(resumed.completed).toBe(1);
    expect((await fx.client.listChildren(target)).map((a) => a.name)).toEqual(['Day 3']);
  });

  it('leaves its files unfinished with the token problem after a 401 nobody could answer', async () => {
    const target = await fx.freshFolder('unauthorized');
    const file = await makeFile(path.join(fx.work, 'Day 4', 'd.mov'), 3000);
    const expired = new V2Client({ baseUrl: fx.sandbox.apiUrl, token: 'not-a-valid-token' });
    const engine = new UploadEngine({ client: expired, apiUrl: fx.sandbox.apiUrl, journalDir: null });
    await expect(engine.upload({ scan: await scanPaths([path.dirname(file)]), targetFolderId: target })).rejects.toThrow();
    expect(engine.files[0]?.status).toBe('queued');
    expect(engine.files[0]?.error).toMatch(/token/);
  });
});

describe('a paused file and a restart', () => {
  /** Uploads a new file slowly, pauses it once a part is acknowledged, checks the pause is journaled, then interrupts. */
  async function pauseThenQuit(name: string, size: number, seed: number): Promise<{ file: string; journalDir: string; record: BatchRecord }> {
    const journalDir = path.join(fx.work, `${name}-journal`);
    const file = await makeFile(path.join(fx.work, 'paused', `${name}.mov`), size);
    const target = await fx.freshFolder(name);
    const controller = new AbortController();
    const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir, concurrency: 2, signal: controller.signal });
    let batchId = '';
    engine.on((event) => {
      if (event.type === 'batch') batchId = event.batchId;
    });
    fx.sandbox.setFaults({ seed, putSlow: 1, slowBytesPerSec: 2 * MiB });
    try {
      const job = engine.upload({ scan: await scanPaths([file]), targetFolderId: target });
      await waitFor(() => (engine.files[0]?.partsDone.size ?? 0) >= 1, 'a part acknowledged');
      engine.pause();
      // Journaled soon after the pause itself, so even a crash keeps it paused.
      await waitFor(async () => (await readBatch(journalDir, batchId)).files[0]?.status === 'paused', 'the pause to be journaled');
      controller.abort(new Error('quitting'));
      const report = await job;
      expect(report.unfinished).toBe(1);
      expect(engine.files[0]?.status).toBe('paused');
    } finally {
      fx.sandbox.setFaults({});
    }
    const record = await readBatch(journalDir, batchId);
    expect(record.files[0]?.status).toBe('paused');
    expect(record.files[0]?.assetId).toBeTruthy();
    return { file, journalDir, record };
  }

  /** The resumed file completed as the same asset, byte-for-byte, alone in its folder, and the journal is gone. */
  async function expectContinued(report: BatchReport, file: string, journalDir: string, record: BatchRecord): Promise<void> {
    expect(report.completed).toBe(1);
    expect(report.files.at(0)?.assetId).toBe(record.files[0]?.assetId);
    const asset = await fx.client.getAsset(report.files.at(0)?.assetId as string);
    expect(await sha256Url(asset.originalUrl as string)).toBe(await sha256File(file));
    expect(await fx.client.listChildren(record.targetFolderId)).toHaveLength(1);
    expect(await readdir(journalDir)).toEqual([]);
  }

  it('comes back paused (keepPaused), sends nothing until resumed, then completes byte-for-byte', async () => {
    const { file, journalDir, record } = await pauseThenQuit('keep-paused', 4 * MiB + 9, 5);
    const [listed] = (await new Journal(journalDir).list()).batches;
    expect(listed?.id).toBe(record.id);

    const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir, concurrency: 2 });
    const { fileIds: [id], done } = engine.resumeBatch(listed as BatchRecord, { keepPaused: true });
    const assetId = record.files[0]?.assetId as string;
    const putsOf = () => Object.values(fx.sandbox.stats().partPuts[assetId] ?? {}).reduce((a, b) => a + b, 0);
    const attempts = putsOf();
    // Time passing, measured in work done: a small upload through the same engine, queued after the paused file.
    const beat = await makeFile(path.join(fx.work, 'beat', 'beat.txt'), 10_000);
    expect((await engine.upload({ scan: await scanPaths([beat]), targetFolderId: await fx.freshFolder('beat') })).completed).toBe(1);
    expect(engine.file(id as number)?.status).toBe('paused');
    expect(putsOf()).toBe(attempts);

    engine.resume([id as number]);
    await expectContinued(await done, file, journalDir, record);
  });

  it('uploads without being resumed when resumed without keepPaused (`ferry resume`)', async () => {
    const { file, journalDir, record } = await pauseThenQuit('cli-resume', 3 * MiB + 1, 6);
    const engine = new UploadEngine({ client: fx.client, apiUrl: fx.sandbox.apiUrl, journalDir, concurrency: 2 });
    await expectContinued(await engine.resumeBatch(record).done, file, journalDir, record);
  });
});
