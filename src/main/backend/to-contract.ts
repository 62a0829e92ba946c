// Maps the core's objects onto the IPC contract's shapes (the renderer never sees core types directly).
import type { Asset, Project } from '../../core/frameio/types';
import type { FileState } from '../../core/upload/file-state';
import type { UploadRow } from '../../shared/ipc/schemas';

export const assetToContract = (a: Asset) => ({
  id: a.id,
  name: a.name,
  type: a.type,
  parentId: a.parentId,
  size: a.size,
  mediaType: a.mediaType,
  itemCount: a.itemCount,
  uploadComplete: a.uploadComplete,
  createdAt: a.createdAt,
});

export const projectToContract = (p: Project, accountId: string | null) => ({
  id: p.id,
  name: p.name,
  workspaceId: p.workspaceId,
  rootFolderId: p.rootFolderId,
  shared: p.shared,
  accountId,
});

export interface RowExtras {
  batchId: string;
  destination: string;
  bytesPerSecond: number;
}

/** A row in the one progress quantity (decisions/0024): acknowledged bytes; `sentBytes` adds the bytes on the wire
 * now (the bar's lighter "sending" part); speed (of acknowledged bytes) and the time left follow the acknowledged. */
export function fileToRow(file: FileState, extras: RowExtras): UploadRow {
  const acknowledged = file.progress.acknowledgedBytes;
  const speed = extras.bytesPerSecond;
  return {
    id: file.id,
    batchId: extras.batchId,
    name: file.remoteName,
    destination: extras.destination,
    size: file.size,
    sentBytes: acknowledged + file.progress.sendingBytes,
    acknowledgedBytes: acknowledged,
    bytesPerSecond: speed,
    etaSeconds: speed > 0 ? Math.max(0, (file.size - acknowledged) / speed) : null,
    status: file.status,
    retries: file.retries,
    assetId: file.assetId,
    error: file.error,
  };
}
