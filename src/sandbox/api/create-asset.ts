import type { z } from 'zod';
import { partCountFor } from '../completion.js';
import { mediaTypeFor } from '../ops/media-type.js';
import { newAsset } from '../ops/new-asset.js';
import { startRemoteImport } from '../remote-import.js';
import type { AssetRecord } from '../state/types.js';
import { readJsonBody } from '../util/http.js';
import { toV2Asset } from './asset-json.js';
import { invalid } from './errors.js';
import type { ApiResult, RouteInput } from './route-types.js';
import { createFileBody, createFolderBody, firstIssue, remoteImportBody } from './schemas.js';

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw invalid(firstIssue(result.error));
  return result.data;
}

/** POST /v2/assets/{parent}/children: a folder, a file placeholder with upload_urls, or a remote import. */
export async function createChild({ ctx, req }: RouteInput, parent: AssetRecord): Promise<ApiResult> {
  if (parent.type === 'version_stack') {
    throw invalid('cannot upload into a version stack: upload into its folder, then POST /v2/assets/{id}/version');
  }
  if (parent.type !== 'folder') throw invalid('parent must be a folder or a project root');
  const body = await readJsonBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('request body must be a JSON object');
  const fields = body as Record<string, unknown>;

  let asset: AssetRecord;
  let uploadUrls: string[] | undefined;
  if (fields.type === 'folder') {
    const data = parse(createFolderBody, body);
    asset = newAsset(ctx.store, parent, { name: data.name, type: 'folder' });
  } else if (fields.type === 'file' && fields.source !== undefined && fields.source !== null) {
    const data = parse(remoteImportBody, body);
    asset = newAsset(ctx.store, parent, {
      name: data.name,
      type: 'file',
      filetype: data.filetype ?? null,
      source: { url: data.source.url, status: 'pending', error: null },
    });
  } else if (fields.type === 'file') {
    const data = parse(createFileBody, body);
    const partCount = partCountFor(data.filesize, ctx.partSizeBytes);
    const filetype = data.filetype ?? mediaTypeFor(data.name);
    asset = newAsset(ctx.store, parent, { name: data.name, type: 'file', filesize: data.filesize, filetype, partCount });
    uploadUrls = await ctx.partUrls.partUrls(ctx.parts.bucket, asset.id, partCount, filetype, ctx.urlExpiresS);
  } else {
    throw invalid('type must be "file" or "folder"');
  }

  ctx.store.addAsset(asset);
  ctx.store.save();
  ctx.faults.recordAssetCreated();
  if (asset.source) startRemoteImport(ctx, asset.id);
  const json = toV2Asset(ctx, asset);
  return { status: 201, body: uploadUrls ? { ...json, upload_urls: uploadUrls } : json };
}
