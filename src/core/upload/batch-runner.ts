// Runs some files of a batch, a bounded number at a time (issue 14 §5): a file is made live only when there is room
// for it among the batch's files in flight (the file slots, plus the files past their bytes that wait for Frame.io's
// confirmation), so a 100,000-file batch keeps a few hundred FileStates and promises, not one per file. A file the
// person paused waits without taking that room; an interruption stops starting files (the ones not started stay
// as journaled: queued).
import { isFinal } from '../../shared/upload-status';
import type { Batch } from './batch';
import { runFile } from './file-runner';
import type { RemoteFolders, RemoteIndex } from './remote-plan';
import type { TransferContext } from './transfer-context';

export async function runFiles(ctx: TransferContext, batch: Batch, ids: readonly number[], folders: RemoteFolders, index: RemoteIndex): Promise<void> {
  folders.startAll(batch.folders); // each file waits only for its own folder
  let open = 0;
  const failures: unknown[] = [];
  let allEnded: (() => void) | null = null;
  const start = (run: Promise<void>, release?: () => void) => {
    open++;
    run
      .catch((error: unknown) => failures.push(error))
      .finally(() => {
        release?.();
        if (--open === 0) allEnded?.();
      });
  };
  for (const id of ids) {
    if (ctx.signal?.aborted) break;
    const live = batch.liveFile(id);
    if (live ? isFinal(live.status) : !batch.isPending(id)) continue;
    if (live?.control.paused) {
      start(runFile(ctx, batch, live, folders, index));
      continue;
    }
    const release = await batch.inFlight.acquireSlot();
    const file = batch.liveFile(id) ?? (batch.isPending(id) ? batch.take(id) : undefined);
    if (!file || isFinal(file.status)) {
      release();
      continue;
    }
    start(runFile(ctx, batch, file, folders, index, release), release);
  }
  if (open > 0) await new Promise<void>((resolve) => (allEnded = resolve));
  if (failures.length) throw failures[0];
}
