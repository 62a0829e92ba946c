import type { Store } from '../state/store.js';
import type { AssetRecord } from '../state/types.js';
import { newAsset } from './new-asset.js';

/** The version stack holding `asset`, if it is a version. */
export function stackOf(store: Store, asset: AssetRecord): AssetRecord | undefined {
  const parent = asset.parentId ? store.asset(asset.parentId) : undefined;
  return parent?.type === 'version_stack' ? parent : undefined;
}

/**
 * A new version stack made of `files` (oldest first), all in one folder and none a version yet. It takes the oldest
 * file's place in the folder (its seq), as V2's version call puts the stack where its target was.
 */
export function makeStack(store: Store, files: AssetRecord[]): AssetRecord {
  const [oldest] = files;
  const folder = oldest?.parentId ? store.asset(oldest.parentId) : undefined;
  if (!oldest || !folder) throw new Error('a version stack needs files in a folder');
  const stack = newAsset(store, folder, { name: oldest.name, type: 'version_stack', seq: oldest.seq, creatorId: oldest.creatorId });
  store.addAsset(stack);
  for (const file of files) appendVersion(store, stack, file);
  return stack;
}

/** Puts `file` on top of `stack` (the newest version); a version of another stack leaves that one first. */
export function appendVersion(store: Store, stack: AssetRecord, file: AssetRecord): void {
  const previous = stackOf(store, file);
  const now = new Date().toISOString();
  const last = Math.max(0, ...store.children(stack.id).map((v) => v.versionNumber ?? 0));
  store.setParent(file, stack.id, last + 1);
  file.updatedAt = now;
  stack.updatedAt = now;
  if (previous && previous.id !== stack.id) dropIfEmpty(store, previous);
}

/** Moves `asset` into `folder`; a version taken out of its stack becomes a plain file again. */
export function moveToFolder(store: Store, asset: AssetRecord, folder: AssetRecord): void {
  const previous = stackOf(store, asset);
  store.setParent(asset, folder.id, null);
  asset.projectId = folder.projectId;
  asset.updatedAt = new Date().toISOString();
  if (previous) dropIfEmpty(store, previous);
}

/** A stack whose last version went away goes with it. */
export function dropIfEmpty(store: Store, stack: AssetRecord): void {
  if (stack.type === 'version_stack' && store.children(stack.id).length === 0) store.removeAsset(stack.id);
}
