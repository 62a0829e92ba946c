import type { PartStore } from '../storage/part-store.js';
import type { Store } from '../state/store.js';
import type { AssetRecord } from '../state/types.js';
import { dropIfEmpty, stackOf } from './stacks.js';

/** Deletes an asset with everything under it, and the stored parts of its files (V2 and V4 delete alike). */
export async function deleteTree(store: Store, parts: PartStore, asset: AssetRecord): Promise<void> {
  const stack = stackOf(store, asset);
  const doomed = [...store.descendants(asset.id), asset];
  for (const a of doomed) {
    if (a.type === 'file') await parts.deleteParts(a.id);
    store.removeAsset(a.id);
  }
  if (stack) dropIfEmpty(store, stack);
  store.save();
}
