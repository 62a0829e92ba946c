// How a file is left when its run stops short, and the report a run returns. A file is either final (completed,
// skipped, failed, canceled) or unfinished, journaled for the next run: interrupted, stopped by a token nobody could
// renew, or paused by the person (decisions/0009).
import { FrameioError } from '../frameio/errors';
import { isFinal } from '../../shared/upload-status';
import type { BatchReport, FileOutcome, FileOutcomes } from './engine-types';
import { restingStatus } from './file-lifecycle';
import type { FileState } from './file-state';
import type { JournalFileRecord } from './journal';
import { CanceledError, InterruptedError } from './transfer-errors';
import { discardPlaceholder } from './file-transfer';
import type { TransferContext } from './transfer-context';

/** Not the file's fault: an interruption, or a 401 with nobody to ask for a new token. The file stays unfinished. */
export const leavesUnfinished = (error: unknown): boolean =>
  error instanceof InterruptedError || (error instanceof FrameioError && error.kind === 'unauthorized');

/** Where an unfinished file waits for the next run, and what it says. A paused file stays paused, saying nothing. */
export function leaveUnfinished(ctx: TransferContext, file: FileState, error: unknown): void {
  if (file.control.paused) return ctx.move(file, 'paused');
  const why = error instanceof FrameioError && error.kind === 'unauthorized'
    ? `Frame.io rejected the token (401: ${error.message}); resume with a valid token`
    : new InterruptedError().message;
  ctx.move(file, restingStatus(file), why);
}

/** A file's run ended with `error`: canceled (its placeholder removed), unfinished, or failed with the reason. */
export async function settleFileError(ctx: TransferContext, file: FileState, error: unknown): Promise<void> {
  if (error instanceof CanceledError) {
    const reported = await discardPlaceholder(ctx, file, error);
    return ctx.move(file, 'canceled', reported === error ? null : reported.message);
  }
  if (leavesUnfinished(error)) return leaveUnfinished(ctx, file, error);
  // A ResumableError keeps its asset id (and the journal) so `ferry resume` continues it; a confirm timeout keeps it
  // too, so the report says which asset to check instead of inviting a blind re-upload.
  ctx.move(file, 'failed', error instanceof Error ? error.message : String(error));
}

/** The batch's run stopped before (or while) its files ran — a folder that could not be created, say. Its files must
 * not stay 'queued' forever: they fail with the reason, unless the run was interrupted or the token rejected. */
export function settleAfterBatchError(ctx: TransferContext, files: readonly FileState[], error: unknown): void {
  for (const file of files.filter((f) => !isFinal(f.status))) {
    if (ctx.signal?.aborted || leavesUnfinished(error)) leaveUnfinished(ctx, file, error instanceof FrameioError ? error : new InterruptedError());
    else ctx.move(file, 'failed', error instanceof Error ? error.message : String(error));
  }
}

/** A run's files as journal records, each made when it is read: at 100,000 files an array of every record, built at
 * the end of the run, raised the CLI's peak memory by 50–70 MB (issue 14). They are read as they stand — the run's
 * outcome, unless a later run of the same files (a retry) has changed them since. */
export class RunFiles implements FileOutcomes {
  constructor(
    private readonly ids: readonly number[],
    private readonly recordOf: (id: number) => JournalFileRecord,
  ) {}

  get length(): number {
    return this.ids.length;
  }

  /** The index-th file of the run (negative counts from the end, as Array.prototype.at). */
  at(index: number): FileOutcome | undefined {
    const id = this.ids.at(index);
    return id === undefined ? undefined : this.recordOf(id);
  }

  *[Symbol.iterator](): Generator<FileOutcome> {
    for (const id of this.ids) yield this.recordOf(id);
  }
}

export function batchReport(batchId: string, files: FileOutcomes, bytesSent: number, elapsedMs: number): BatchReport {
  const counts = { completed: 0, skipped: 0, failed: 0, canceled: 0, unfinished: 0 };
  for (const { status } of files) {
    if (!isFinal(status)) counts.unfinished++;
    if (status === 'completed' || status === 'skipped' || status === 'failed' || status === 'canceled') counts[status]++;
  }
  return { batchId, files, problems: [], skippedJunk: [], ...counts, bytesSent, elapsedMs };
}
