// Runtime shapes of the V4 responses Ferry reads (frameio-api.md "V4", reference/frameio-v4-openapi.json). Every body
// is wrapped in {"data": …}; lists add {"links": {"next"}}. Only the fields we use are required; unknown fields are
// ignored, so additions on Frame.io's side never break us.
import { z } from 'zod';
import type { Asset } from './types';

const id = z.string().min(1);
const nullableString = z.string().nullish().transform((v) => v ?? null);

export const v4Data = <T extends z.ZodType>(inner: T) => z.object({ data: inner });
export const v4List = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    links: z.object({ next: nullableString }).nullish().transform((v) => v ?? { next: null }),
    total_count: z.number().nullish().transform((v) => v ?? null),
  });

export const v4User = z.object({ id, name: nullableString, email: nullableString });
export const v4Account = z.object({ id, display_name: nullableString });
export const v4Workspace = z.object({ id, name: nullableString });
export const v4Project = z.object({ id, name: nullableString, workspace_id: nullableString, root_folder_id: id });

const common = {
  id,
  name: z.string(),
  parent_id: nullableString,
  project_id: nullableString,
  created_at: nullableString,
  updated_at: nullableString,
};

export const v4File = z.object({
  ...common,
  type: z.literal('file'),
  file_size: z.number().int().nonnegative(),
  media_type: nullableString,
  status: z.enum(['created', 'uploaded', 'transcoded']),
});

export const v4Folder = z.object({ ...common, type: z.literal('folder') });

export const v4VersionStack = z.object({
  ...common,
  type: z.literal('version_stack'),
  head_version: v4File.nullish().transform((v) => v ?? null),
});

export const v4Asset = z.discriminatedUnion('type', [v4File, v4Folder, v4VersionStack]);

export const v4FileWithUploadUrls = v4File.extend({
  upload_urls: z.array(z.object({ size: z.number().int().nonnegative(), url: z.string().url() })).min(1),
});

export const v4UploadStatus = z.object({
  id,
  upload_complete: z.boolean(),
  upload_failed: z.boolean().nullish().transform((v) => v ?? false),
});

export type V4Asset = z.infer<typeof v4Asset>;
export type V4File = z.infer<typeof v4File>;

/** A V4 asset as the engine's `Asset`: a file is complete once its status is past `created`. */
export function assetFromV4(a: V4Asset): Asset {
  const common = { id: a.id, name: a.name, type: a.type, parentId: a.parent_id, projectId: a.project_id, originalUrl: null, xxHash: null, createdAt: a.created_at, updatedAt: a.updated_at };
  if (a.type === 'file') return { ...common, size: a.file_size, mediaType: a.media_type, itemCount: null, uploadComplete: a.status !== 'created' };
  if (a.type === 'version_stack') return { ...common, size: a.head_version?.file_size ?? null, mediaType: a.head_version?.media_type ?? null, itemCount: null, uploadComplete: true };
  return { ...common, size: null, mediaType: null, itemCount: null, uploadComplete: true };
}
