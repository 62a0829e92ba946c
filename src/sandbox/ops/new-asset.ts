import { randomUUID } from 'node:crypto';
import type { Store } from '../state/store.js';
import type { AssetRecord } from '../state/types.js';

/** A new asset under `parent` (V2 create, V4 folder/file create and version stacks alike); not yet stored. */
export function newAsset(store: Store, parent: AssetRecord, fields: Pick<AssetRecord, 'name' | 'type'> & Partial<AssetRecord>): AssetRecord {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    parentId: parent.id,
    projectId: parent.projectId,
    seq: store.nextSeq(),
    filesize: 0,
    filetype: null,
    partCount: 0,
    insertedAt: now,
    updatedAt: now,
    uploadCompletedAt: null,
    versionNumber: null,
    creatorId: store.state.user.id,
    source: null,
    xxHash: null,
    ...fields,
  };
}
