import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchJournal, JOURNAL_WRITE_INTERVAL_MS } from '../../../src/core/upload/batch-journal';
import type { BatchRecord, JournalFileRecord } from '../../../src/core/upload/journal';
import { batchRecord } from '../../support/journal-records';

/** A journal that only counts and keeps what it was asked to write. */
function countingJournal(fail = false) {
  const writes: BatchRecord[] = [];
  return {
    writes,
    journal: {
      dir: '/journal',
      write: async (batch: BatchRecord) => {
        if (fail) throw new Error('EACCES: permission denied');
        writes.push(structuredClone(batch));
      },
    },
  };
}

const file = (assetId: string | null): JournalFileRecord => ({
  id: 0, path: '/x/a.mov', remoteDir: '', name: 'a.mov', remoteName: 'a.mov', size: 10, mtimeMs: 1, status: 'uploading', versionOf: null,
  onConflict: 'skip', conflictResolved: true, assetId, contentType: null, parts: null, urlsExpireAt: null, partsDone: [], retries: 0, xxHash: null, error: null,
});

afterEach(() => vi.useRealTimers());

describe('BatchJournal', () => {
  it('coalesces progress writes: many touches within the interval make one write', async () => {
    vi.useFakeTimers();
    const { journal, writes } = countingJournal();
    let current = file('asset-9');
    const writer = new BatchJournal(journal, batchRecord('c'), () => [current]);
    for (let i = 0; i < 50; i++) writer.touch();
    current = { ...current, partsDone: [0] };
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(JOURNAL_WRITE_INTERVAL_MS);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.files[0]?.partsDone).toEqual([0]); // the state at write time, not at the first touch
    await vi.advanceTimersByTimeAsync(JOURNAL_WRITE_INTERVAL_MS * 4);
    expect(writes).toHaveLength(1); // nothing touched since: nothing written
  });

  it('flushes milestones at once and group-commits flushes asked for while a write runs', async () => {
    const { journal, writes } = countingJournal();
    const writer = new BatchJournal(journal, batchRecord('g'), () => [file('a1')]);
    await writer.flush();
    expect(writes).toHaveLength(1);
    const first = writer.flush();
    const together = [writer.flush(), writer.flush(), writer.flush()];
    await Promise.all([first, ...together]);
    expect(writes.length).toBeLessThanOrEqual(3); // 1 + the running write + one shared next write
    writer.touch();
    await writer.flush(); // a flush takes a pending touch with it
    expect(writes.length).toBeLessThanOrEqual(4);
  });

  it('tells once when it cannot write, and keeps going', async () => {
    const { journal } = countingJournal(true);
    const errors: Error[] = [];
    const writer = new BatchJournal(journal, batchRecord('d'), () => [file(null)], (e) => errors.push(e));
    await writer.flush();
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(writer.lastError?.message).toMatch(/EACCES/);
  });
});
