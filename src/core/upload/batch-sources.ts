// Where a batch's files come from before they run (batch.ts's BatchFiles): a new drop's scan entries, or a resumed
// batch's journaled records. Neither makes a FileState until the file's turn comes, so a 100,000-file batch holds
// its scan (or its journal's records) and nothing more per file while it waits.
import { SUCCEEDED_STATUSES } from '../../shared/upload-status';
import type { BatchFiles } from './batch';
import { type ConflictPolicy, newFileState, queuedFields } from './file-state';
import { fileFromRecord, type JournalFileRecord } from './journal';
import type { LocalFile } from './scan';

export interface Intent {
  onConflict: ConflictPolicy;
  versionOf: string | null;
  conflictResolved: boolean;
}

/** A new drop: file `first + i` is the scan's entry i, queued with the drop's intent. */
export function scannedFiles(first: number, batchId: string, local: readonly LocalFile[], intent: Intent): BatchFiles {
  const at = (i: number) => local[i] as LocalFile;
  return {
    first,
    count: local.length,
    create: (i) => newFileState(first + i, batchId, at(i), intent),
    // The journal's view of a file that has not started (made afresh when asked: a snapshot, a finished file's record).
    source: (i) => ({ id: first + i, ...queuedFields(at(i), intent), partsDone: [] }),
  };
}

/** A resumed batch: file `first + i` is journaled record i. A file that was uploading when the process died is not
 * uploading now: it resumes uploading (an asset exists) or queued; one the person paused stays paused with
 * `keepPaused`. Files that succeeded or were canceled keep their status. */
export function journaledFiles(first: number, batchId: string, records: JournalFileRecord[], keepPaused: boolean): BatchFiles {
  return {
    first,
    count: records.length,
    source: (i) => ({ ...(records[i] as JournalFileRecord), id: first + i }),
    create: (i) => {
      const r = records[i] as JournalFileRecord;
      if (SUCCEEDED_STATUSES.has(r.status) || r.status === 'canceled') return fileFromRecord(r, batchId, first + i, r.status, r.error);
      const paused = r.status === 'paused' && keepPaused;
      const file = fileFromRecord(r, batchId, first + i, paused ? 'paused' : r.assetId ? 'uploading' : 'queued', null);
      if (paused) file.control.pause();
      return file;
    },
    // A file that succeeded needs no part URLs: only what its record says besides them stays.
    settled: (i) => {
      const r = records[i] as JournalFileRecord;
      if (r.parts) records[i] = { ...r, parts: null, urlsExpireAt: null, partsDone: [] };
    },
  };
}
