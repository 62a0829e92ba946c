// `ferry cancel`: a journaled batch given up on. Every unfinished file's placeholder goes — the one the journal names,
// and any incomplete asset of the same name and size in its folder: a process killed between a create and the journal
// write that records it (or between an expired asset's replacement and that write) leaves a placeholder the journal
// does not name, which `resume` would find and remove (remote-plan.removeOrphans) but a cancel used to leave behind.
import { isSettled } from '../../shared/upload-status';
import type { FrameioClient } from '../frameio/types';
import type { BatchRecord } from './journal';
import { RemoteIndex } from './remote-plan';

export interface Discarded {
  removed: string[];
  /** One line per asset that could not be removed (the batch should then stay journaled). */
  problems: string[];
}

const explain = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function discardBatch(client: FrameioClient, batch: BatchRecord): Promise<Discarded> {
  const removed: string[] = [];
  const problems: string[] = [];
  const index = new RemoteIndex(client);
  const where = batch.accountId ? ` in account ${batch.accountId}` : '';
  // V4: the journal knows the account; without it each id would be looked for in every account.
  if (batch.accountId) for (const id of [batch.targetFolderId, ...Object.values(batch.folders), ...batch.files.flatMap((f) => (f.assetId ? [f.assetId] : []))]) client.placeInAccount(id, batch.accountId);
  const remove = async (path: string, id: string) => {
    if (removed.includes(id)) return;
    try {
      await client.deleteAsset(id);
      removed.push(id);
    } catch (error) {
      problems.push(`${path}: could not remove incomplete asset ${id}${where}: ${explain(error)}`);
    }
  };
  for (const f of batch.files.filter((file) => !isSettled(file.status))) {
    if (f.assetId) await remove(f.path, f.assetId);
    const parentId = f.remoteDir === '' ? batch.targetFolderId : batch.folders[f.remoteDir];
    if (!parentId) continue; // its folder was never created: nothing of it can be there
    try {
      const siblings = await index.children(parentId);
      for (const orphan of siblings.named(f.remoteName).filter((a) => a.type === 'file' && a.size === f.size && !a.uploadComplete)) await remove(f.path, orphan.id);
    } catch (error) {
      problems.push(`${f.path}: could not look for an unrecorded placeholder in its folder${where}: ${explain(error)}`);
    }
  }
  return { removed, problems };
}
