// The V4 wire shapes (reference/frameio-v4-openapi.json: File, Folder, VersionStack, Project, Account, Workspace,
// Profile, FileUploadStatus) built from the one store V2 reads too. Ids are the store's UUIDs.
import type { ApiContext } from '../api/context.js';
import type { AccountRecord, AssetRecord, ProjectRecord, TeamRecord } from '../state/types.js';

export type V4FileStatus = 'created' | 'uploaded' | 'transcoded';

/**
 * created → uploaded (every part stored, after `completionLagMs`) → transcoded. The sandbox's processing after an
 * upload is the checksum, so a file counts as transcoded once its xxHash is known.
 */
export function fileStatus(a: AssetRecord): V4FileStatus {
  if (a.uploadCompletedAt === null) return 'created';
  return a.xxHash === null ? 'uploaded' : 'transcoded';
}

const viewUrl = (ctx: ApiContext, projectId: string, id?: string): string =>
  `${ctx.apiOrigin}/view/${projectId}${id === undefined ? '' : `/${id}`}`;

function common(ctx: ApiContext, a: AssetRecord, name = a.name): Record<string, unknown> {
  return {
    id: a.id,
    name,
    type: a.type,
    parent_id: a.parentId,
    project_id: a.projectId,
    created_at: a.insertedAt,
    updated_at: a.updatedAt,
    view_url: viewUrl(ctx, a.projectId, a.id),
    adobe_id: null,
  };
}

/** A file; its media type stays null until the upload finished (the spec), except where `mediaType` is given. */
export function toV4File(ctx: ApiContext, a: AssetRecord, mediaType?: string): Record<string, unknown> {
  const status = fileStatus(a);
  return {
    ...common(ctx, a),
    status,
    file_size: a.filesize,
    media_type: mediaType ?? (status === 'created' ? null : (a.filetype ?? 'application/octet-stream')),
    adobe_version_id: null,
  };
}

export function toV4Folder(ctx: ApiContext, a: AssetRecord): Record<string, unknown> {
  return { ...common(ctx, a), cover_file_id: null };
}

/** A stack shows its newest version: its name, and the whole file as head_version. */
export function toV4Stack(ctx: ApiContext, a: AssetRecord): Record<string, unknown> {
  const head = ctx.store.children(a.id).at(-1);
  return { ...common(ctx, a, head?.name ?? a.name), head_version: head ? toV4File(ctx, head) : null };
}

export function toV4Asset(ctx: ApiContext, a: AssetRecord): Record<string, unknown> {
  if (a.type === 'file') return toV4File(ctx, a);
  if (a.type === 'folder') return toV4Folder(ctx, a);
  return toV4Stack(ctx, a);
}

export function toV4Project(ctx: ApiContext, p: ProjectRecord): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    status: 'active',
    storage: 0,
    workspace_id: p.teamId,
    root_folder_id: p.rootAssetId,
    created_at: p.insertedAt,
    updated_at: p.insertedAt,
    view_url: viewUrl(ctx, p.id),
    description: null,
    restricted: false,
    image: null,
    adobe_id: null,
  };
}

export const toV4Account = (a: AccountRecord): Record<string, unknown> => ({
  id: a.id,
  display_name: a.displayName,
  roles: a.userRoles,
  storage_limit: null,
  storage_usage: 0,
  created_at: a.insertedAt,
  updated_at: a.insertedAt,
  v4_migrated_at: a.insertedAt,
  adobe_id: null,
  image: null,
});

export const toV4Workspace = (t: TeamRecord): Record<string, unknown> => ({
  id: t.id,
  name: t.name,
  account_id: t.accountId,
  created_at: t.insertedAt,
  updated_at: t.insertedAt,
  image: null,
});

/** GET …/files/{id}/status. A remote upload whose fetch failed is `upload_failed`. */
export function toV4UploadStatus(a: AssetRecord): Record<string, unknown> {
  return {
    id: a.id,
    filetype: a.filetype ?? 'application/octet-stream',
    uploaded_at: a.uploadCompletedAt,
    upload_completed_at: a.uploadCompletedAt,
    upload_complete: a.uploadCompletedAt !== null,
    upload_failed: a.source?.status === 'error',
  };
}
