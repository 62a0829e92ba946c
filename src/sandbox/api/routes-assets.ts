import { deleteTree } from '../ops/delete.js';
import type { AssetRecord } from '../state/types.js';
import { readJsonBody } from '../util/http.js';
import { toV2Asset } from './asset-json.js';
import { refreshOnRead } from './completion-check.js';
import type { ApiContext } from './context.js';
import { ApiError, invalid, notFound } from './errors.js';
import { createChild } from './create-asset.js';
import type { Route } from './route-types.js';
import { firstIssue, updateAssetBody } from './schemas.js';
import { v2Page } from './v2-pages.js';
import { addVersion } from './versions.js';

export function visibleAsset(ctx: ApiContext, id: string): AssetRecord {
  const asset = ctx.store.asset(id);
  if (!asset || !ctx.store.visibleProjectIds().has(asset.projectId)) throw notFound('asset');
  return asset;
}

export const assetRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/assets\/([^/]+)$/,
    category: 'read',
    handler: async ({ ctx, params }) => {
      const asset = visibleAsset(ctx, params[0] ?? '');
      await refreshOnRead(ctx, [asset]);
      return { body: toV2Asset(ctx, asset) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v2\/assets\/([^/]+)\/children$/,
    category: 'children',
    handler: async ({ ctx, params, url }) => {
      const parent = visibleAsset(ctx, params[0] ?? '');
      const { items, headers } = v2Page(url, ctx.store.children(parent.id));
      await refreshOnRead(ctx, items);
      return { body: items.map((a) => toV2Asset(ctx, a)), headers };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v2\/assets\/([^/]+)\/children$/,
    category: 'create',
    handler: async (input) => createChild(input, visibleAsset(input.ctx, input.params[0] ?? '')),
  },
  {
    method: 'POST',
    pattern: /^\/v2\/assets\/([^/]+)\/version$/,
    category: 'create',
    handler: async (input) => addVersion(input, visibleAsset(input.ctx, input.params[0] ?? '')),
  },
  {
    // Renames (fioctl `assets set`); other fields are accepted and ignored.
    method: 'PUT',
    pattern: /^\/v2\/assets\/([^/]+)$/,
    category: 'other',
    handler: async ({ ctx, params, req }) => {
      const asset = visibleAsset(ctx, params[0] ?? '');
      const parsed = updateAssetBody.safeParse((await readJsonBody(req)) ?? {});
      if (!parsed.success) throw invalid(firstIssue(parsed.error));
      if (parsed.data.name !== undefined) {
        asset.name = parsed.data.name;
        asset.updatedAt = new Date().toISOString();
        ctx.store.save();
      }
      return { body: toV2Asset(ctx, asset) };
    },
  },
  {
    // 200 with the asset as it was, `deleted_at` set; afterwards it is gone (404, out of every listing).
    method: 'DELETE',
    pattern: /^\/v2\/assets\/([^/]+)$/,
    category: 'other',
    handler: async ({ ctx, params }) => {
      const asset = visibleAsset(ctx, params[0] ?? '');
      if (ctx.store.isProjectRoot(asset.id)) throw new ApiError(403, 'a project root asset cannot be deleted');
      const deletedAt = new Date().toISOString();
      const body = { ...toV2Asset(ctx, asset), deleted_at: deletedAt, updated_at: deletedAt };
      await deleteTree(ctx.store, ctx.parts, asset);
      return { body };
    },
  },
];
