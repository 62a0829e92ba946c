// How a batch's files are left when its run stops, and the report the run returns. A file is either final
// (completed, skipped, failed, canceled) or unfinished, journaled for the next run: interrupted, stopped by a token
// nobody could renew, or paused by the person (decisions/0009).
import { FrameioError } from '../frameio/errors';
import type { BatchReport } from './engine-types';
import { FINAL_STATUSES, type FileState, type FileStatus } from './file-state';
import { InterruptedError } from './file-transfer';

/** Not the file's fault: an interruption, or a 401 with nobody to ask for a new token. The file stays unfinished. */
export const leavesUnfinished = (error: unknown): boolean =>
  error instanceof InterruptedError || (error instanceof FrameioError && error.kind === 'unauthorized');

/** Where an unfinished file waits for the next run, and what it says. A paused file stays paused, saying nothing. */
export function leaveUnfinished(file: FileState, error: unknown, pausedByUser: boolean): void {
  file.status = unfinishedStatus(file, pausedByUser);
  if (file.status === 'paused') file.error = null;
  else if (error instanceof FrameioError && error.kind === 'unauthorized') file.error = `Frame.io rejected the token (401: ${error.message}); resume with a valid token`;
  else file.error = new InterruptedError().message;
}

function unfinishedStatus(file: FileState, pausedByUser: boolean): FileStatus {
  if (pausedByUser) return 'paused';
  return file.assetId ? 'uploading' : 'queued';
}

/** The batch's run stopped before (or while) its files ran — a folder that could not be created, say. Its files must
 * not stay 'queued' forever: they fail with the reason, unless the batch was interrupted (`aborted`) or the token was
 * rejected. Returns the files it changed (each needs a state event). */
export function settleAfterBatchError(files: readonly FileState[], error: unknown, aborted: boolean, pausedByUser: (file: FileState) => boolean): FileState[] {
  const open = files.filter((f) => !FINAL_STATUSES.has(f.status));
  for (const file of open) {
    if (aborted || leavesUnfinished(error)) {
      leaveUnfinished(file, error instanceof FrameioError ? error : new InterruptedError(), pausedByUser(file));
    } else {
      file.status = 'failed';
      file.error = error instanceof Error ? error.message : String(error);
    }
  }
  return open;
}

export function batchReport(batchId: string, files: FileState[], ackedBefore: number, startedAt: number): BatchReport {
  const count = (status: FileStatus) => files.filter((f) => f.status === status).length;
  return {
    batchId,
    files,
    problems: [],
    skippedJunk: [],
    completed: count('completed'),
    skipped: count('skipped'),
    failed: count('failed'),
    canceled: count('canceled'),
    unfinished: files.filter((f) => !FINAL_STATUSES.has(f.status)).length,
    bytesSent: files.reduce((n, f) => n + f.progress.acknowledgedBytes, 0) - ackedBefore,
    elapsedMs: Date.now() - startedAt,
  };
}
