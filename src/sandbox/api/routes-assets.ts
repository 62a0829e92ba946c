import type { AssetRecord } from '../state/types.js';
import { toV2Asset } from './asset-json.js';
import { refreshOnRead } from './completion-check.js';
import type { ApiContext } from './context.js';
import { ApiError, invalid, notFound } from './errors.js';
import { createChild } from './create-asset.js';
import type { Route } from './route-types.js';
import { addVersion } from './versions.js';

// V2 children pagination (frameio-api.md): 1-based pages; the sandbox defaults to 50 and caps at 100 per page.
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

export function visibleAsset(ctx: ApiContext, id: string): AssetRecord {
  const asset = ctx.store.asset(id);
  if (!asset || !ctx.store.visibleProjectIds().has(asset.projectId)) throw notFound('asset');
  return asset;
}

function positiveInt(raw: string | null, fallback: number, name: string): number {
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalid(`${name} must be a positive integer`);
  return n;
}

async function deleteTree(ctx: ApiContext, asset: AssetRecord): Promise<void> {
  const doomed = [...ctx.store.descendants(asset.id), asset];
  for (const a of doomed) {
    if (a.type === 'file') await ctx.parts.deleteParts(a.id);
    ctx.store.removeAsset(a.id);
  }
  // A stack whose last version went away goes with it.
  const parent = asset.parentId ? ctx.store.asset(asset.parentId) : undefined;
  if (parent?.type === 'version_stack' && ctx.store.children(parent.id).length === 0) ctx.store.removeAsset(parent.id);
  ctx.store.save();
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
      const page = positiveInt(url.searchParams.get('page'), 1, 'page');
      const perPage = Math.min(MAX_PAGE_SIZE, positiveInt(url.searchParams.get('page_size'), DEFAULT_PAGE_SIZE, 'page_size'));
      const all = ctx.store.children(parent.id);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      await refreshOnRead(ctx, slice);
      const totalPages = Math.max(1, Math.ceil(all.length / perPage));
      return {
        body: slice.map((a) => toV2Asset(ctx, a)),
        headers: {
          'page-number': String(page),
          'per-page': String(perPage),
          total: String(all.length),
          'total-pages': String(totalPages),
        },
      };
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
    method: 'DELETE',
    pattern: /^\/v2\/assets\/([^/]+)$/,
    category: 'other',
    handler: async ({ ctx, params }) => {
      const asset = visibleAsset(ctx, params[0] ?? '');
      if (ctx.store.isProjectRoot(asset.id)) throw new ApiError(403, 'a project root asset cannot be deleted');
      const body = toV2Asset(ctx, asset);
      await deleteTree(ctx, asset);
      return { body };
    },
  },
];
