import type { AssetRecord } from '../state/types.js';
import type { ApiContext } from './context.js';
import { originalUrl } from './originals.js';

/**
 * The V2 asset shape (frameio-api.md "Asset fields"), with `_type` beside `type` as Frame.io's own clients expect.
 * A version stack embeds its head as `cover_asset` (fioctl downloads a stack's `cover_asset`).
 */
export function toV2Asset(ctx: ApiContext, a: AssetRecord): Record<string, unknown> {
  const { store } = ctx;
  const children = a.type === 'file' ? [] : store.children(a.id);
  // A version stack shows its newest version: name, size, completion and cover all come from the head.
  const head = a.type === 'version_stack' ? children.at(-1) : undefined;
  const shown = head ?? a;
  const project = store.project(a.projectId);
  return {
    _type: a.type,
    id: a.id,
    name: shown.name,
    type: a.type,
    parent_id: a.parentId,
    project_id: a.projectId,
    account_id: project?.ownerAccountId ?? null,
    creator_id: a.creatorId,
    filesize: a.type === 'folder' ? 0 : shown.filesize,
    filetype: a.type === 'folder' ? null : shown.filetype,
    item_count: a.type === 'file' ? 1 : children.length,
    index: a.versionNumber,
    upload_completed_at: a.type === 'folder' ? null : shown.uploadCompletedAt,
    uploaded_at: a.type === 'folder' ? null : shown.uploadCompletedAt,
    inserted_at: a.insertedAt,
    updated_at: a.updatedAt,
    // The sandbox does not transcode; an empty map says "nothing to report" rather than inventing statuses.
    transcode_statuses: {},
    cover_asset_id: head?.id ?? null,
    ...(a.type === 'version_stack' ? { cover_asset: head ? toV2Asset(ctx, head) : null } : {}),
    // Null until the background hash of the completed file lands (checksums.ts); a stack shows its head's.
    checksums: a.type !== 'folder' && shown.xxHash !== null ? { xx_hash: shown.xxHash } : null,
    original: originalUrl(ctx, shown),
    label: 'none',
    private: false,
    source: a.source ? { url: a.source.url, status: a.source.status, error: a.source.error } : null,
  };
}
