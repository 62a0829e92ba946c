// The journal's log (journal-log.ts): a snapshot plus the records changed since, replayed in order on read; a torn
// last line and a log older than its snapshot are never replayed.
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchJournal, LOG_COMPACT_MIN_BYTES } from '../../../src/core/upload/batch-journal';
import { Journal, type JournalFileRecord } from '../../../src/core/upload/journal';
import { batchRecord } from '../../support/journal-records';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-journal-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = (id: number, over: Partial<JournalFileRecord> = {}): JournalFileRecord => ({
  id, path: `/x/f${id}.bin`, remoteDir: 'd', name: `f${id}.bin`, remoteName: `f${id}.bin`, size: 10, mtimeMs: 1, status: 'queued', versionOf: null,
  onConflict: 'skip', conflictResolved: true, assetId: null, contentType: null, parts: null, urlsExpireAt: null, partsDone: [], retries: 0, xxHash: null, error: null, ...over,
});

/** A real journal that also counts what each call wrote. */
function measuredJournal() {
  const journal = new Journal(dir);
  const counts = { snapshots: 0, snapshotBytes: 0, appends: 0 };
  const writer = {
    dir,
    write: async (batch: Parameters<Journal['write']>[0]) => {
      counts.snapshots++;
      const bytes = await journal.write(batch);
      counts.snapshotBytes += bytes;
      return bytes;
    },
    append: async (...args: Parameters<Journal['append']>) => {
      counts.appends++;
      return journal.append(...args);
    },
  };
  return { journal, writer, counts };
}

describe('journal log', () => {
  it('replays the records appended after the snapshot: the last record of a file wins, the last header too', async () => {
    const journal = new Journal(dir);
    await journal.write(batchRecord('b', [file(0), file(1)]));
    await journal.append('b', null, [file(1, { status: 'uploading', assetId: 'a1' })]);
    await journal.append('b', { ...batchRecord('b'), folders: { d: 'folder-1' } }, [file(1, { status: 'completed', assetId: 'a1' })]);
    const batch = await journal.read('b');
    expect(batch?.files.map((f) => [f.id, f.status, f.assetId])).toEqual([[0, 'queued', null], [1, 'completed', 'a1']]);
    expect(batch?.folders).toEqual({ d: 'folder-1' });
  });

  it('drops a torn last line (an append a crash cut short) and keeps what came before', async () => {
    const journal = new Journal(dir);
    await journal.write(batchRecord('b', [file(0)]));
    await journal.append('b', null, [file(0, { status: 'uploading', assetId: 'a0' })]);
    await appendFile(path.join(dir, 'b.log'), '{"f":{"id":0,"status":"compl');
    const batch = await journal.read('b');
    expect(batch?.files[0]).toMatchObject({ status: 'uploading', assetId: 'a0' });
  });

  it('ignores a log that belongs to an older snapshot (a crash between the snapshot and the new log)', async () => {
    const journal = new Journal(dir);
    await journal.write(batchRecord('b', [file(0)]));
    await journal.append('b', null, [file(0, { status: 'failed', error: 'old news' })]);
    const staleLog = path.join(dir, 'b.log');
    const stale = await readFile(staleLog, 'utf8');
    await journal.write(batchRecord('b', [file(0, { status: 'completed', assetId: 'a0' })]));
    await writeFile(staleLog, stale); // the old log is back, as if the new one had never been renamed into place
    expect((await journal.read('b'))?.files[0]).toMatchObject({ status: 'completed', assetId: 'a0' });
  });

  it('removes the snapshot and the log', async () => {
    const journal = new Journal(dir);
    await journal.write(batchRecord('b', [file(0)]));
    await journal.remove('b');
    expect(await readdir(dir)).toEqual([]);
  });

  it('after its first snapshot, a batch journal writes bytes for the files that changed, not for the whole batch', async () => {
    const appended: number[] = [];
    for (const n of [1_000, 4_000]) {
      const { writer, counts, journal } = measuredJournal();
      const files = Array.from({ length: n }, (_, i) => file(i));
      let changed: JournalFileRecord[] = [];
      const batch = new BatchJournal(writer, batchRecord(`n${n}`), () => files, () => {}, 16, () => {
        const out = changed;
        changed = [];
        return out;
      });
      await batch.flush(); // the first write: the whole batch, once
      const logBefore = (await stat(path.join(dir, `n${n}.log`))).size;
      for (let i = 0; i < 200; i++) {
        changed = [file(i, { status: 'completed', assetId: `asset-${i}` })];
        files[i] = changed[0] as JournalFileRecord;
        await batch.flush();
      }
      expect(counts.snapshots).toBe(1);
      expect(counts.appends).toBe(200);
      const logAfter = (await stat(path.join(dir, `n${n}.log`))).size;
      appended.push(logAfter - logBefore);
      const read = await journal.read(`n${n}`);
      expect(read?.files.filter((f) => f.status === 'completed')).toHaveLength(200);
      expect(read?.files).toHaveLength(n);
    }
    // The same 200 changes cost the same bytes in a batch of 1,000 files and one of 4,000.
    expect(Math.abs((appended[1] as number) - (appended[0] as number))).toBeLessThan(200 * 8);
  });

  it('folds the log into a new snapshot once it outgrows it, so a resume never replays more than a bounded log', async () => {
    const { writer, counts, journal } = measuredJournal();
    const files = [file(0)];
    let changed: JournalFileRecord[] = [];
    const batch = new BatchJournal(writer, batchRecord('c'), () => files, () => {}, 16, () => changed);
    await batch.flush();
    const big = file(0, { status: 'uploading', assetId: 'a', error: 'x'.repeat(64 * 1024) });
    changed = [big];
    files[0] = big;
    const writes = Math.ceil(LOG_COMPACT_MIN_BYTES / (64 * 1024)) + 2;
    for (let i = 0; i < writes; i++) await batch.flush();
    expect(counts.snapshots).toBe(2);
    const logSize = (await stat(path.join(dir, 'c.log'))).size;
    expect(logSize).toBeLessThanOrEqual(LOG_COMPACT_MIN_BYTES);
    expect((await journal.read('c'))?.files[0]).toMatchObject({ status: 'uploading', assetId: 'a' });
  });

  it('settles into a whole snapshot at the end of a run, so the snapshot alone reads complete', async () => {
    const { writer, counts } = measuredJournal();
    const files = [file(0), file(1)];
    let changed: JournalFileRecord[] = [];
    const batch = new BatchJournal(writer, batchRecord('s'), () => files, () => {}, 16, () => changed);
    await batch.flush();
    files[1] = file(1, { status: 'completed', assetId: 'a1' });
    changed = [files[1]];
    await batch.flush();
    expect(counts.snapshots).toBe(1);
    await batch.settle();
    expect(counts.snapshots).toBe(2);
    const snapshot = JSON.parse(await readFile(path.join(dir, 's.json'), 'utf8')) as { files: JournalFileRecord[] };
    expect(snapshot.files[1]).toMatchObject({ status: 'completed', assetId: 'a1' });
  });
});
