// One file's turn in its batch: wait while paused (without holding a file slot), take a slot, apply the conflict
// policy once, clear a placeholder a crash may have orphaned, transfer, and settle the outcome. The slot is handed on
// as soon as every byte is acknowledged, not after Frame.io confirms. A paused file gives back its room among the
// batch's files in flight (`leaveRoom`, batch-runner.ts): however many are paused, the others keep going.
import { settleAfterBatchError, settleFileError } from './batch-outcome';
import type { Batch } from './batch';
import type { FileState } from './file-state';
import { checkStop, transferFile } from './file-transfer';
import { type RemoteFolders, removeOrphans, resolveConflict, type RemoteIndex } from './remote-plan';
import type { TransferContext } from './transfer-context';

export async function runFile(ctx: TransferContext, batch: Batch, file: FileState, folders: RemoteFolders, index: RemoteIndex, leaveRoom = () => {}): Promise<void> {
  if (file.control.paused) leaveRoom();
  await file.control.waitWhilePaused(ctx.signal);
  let parentId: string;
  try {
    parentId = await folders.id(file.remoteDir); // without holding a slot: other files' bytes go on meanwhile
  } catch (error) {
    // Its folder could not be made: it fails (or stays unfinished) with that reason, and the batch says so at the end.
    settleAfterBatchError(ctx, [file], error);
    throw error;
  }
  const releaseSlot = await batch.slots.acquireSlot();
  try {
    if (file.control.paused) leaveRoom();
    await file.control.waitWhilePaused(ctx.signal);
    checkStop(ctx, file);
    if (!file.conflictResolved && !file.assetId) {
      const decision = await resolveConflict(index, parentId, file.name, file.size, file.onConflict);
      file.conflictResolved = true;
      if (decision.action === 'skip') {
        file.assetId = decision.existing.id;
        return ctx.move(file, 'skipped');
      }
      file.remoteName = decision.remoteName;
      file.versionOf ??= decision.versionOf;
      ctx.persist(file);
    }
    if (batch.orphanChecks.delete(file.id)) await removeOrphans(ctx.client, index, parentId, file);
    await transferFile(ctx, file, parentId, releaseSlot);
    ctx.move(file, 'completed');
  } catch (error) {
    await settleFileError(ctx, file, error);
  } finally {
    releaseSlot();
  }
}
