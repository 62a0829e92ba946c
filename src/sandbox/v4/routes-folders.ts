// Folders: show, delete, their children (all kinds, `type=` filter), their folders and files, and new folders.
import { refreshOnRead } from '../api/completion-check.js';
import { ApiError, invalid } from '../api/errors.js';
import type { Route } from '../api/route-types.js';
import { deleteTree } from '../ops/delete.js';
import { newAsset } from '../ops/new-asset.js';
import type { AssetType } from '../state/types.js';
import { folderCreateBody, readV4Body } from './body.js';
import { toV4Asset, toV4File, toV4Folder } from './json.js';
import { ASSET_PAGE_MAX, v4Page, v4PageAsync } from './pages.js';
import { assetIn } from './scope.js';

const F = '/v4/accounts/([^/]+)/folders/([^/]+)';
const KINDS: readonly AssetType[] = ['file', 'folder', 'version_stack'];

/** `type=file,folder` → the kinds asked for; absent → all. */
function typeFilter(raw: string | null): Set<AssetType> {
  if (raw === null || raw === '') return new Set(KINDS);
  const asked = raw.split(',').map((t) => t.trim());
  const unknown = asked.find((t) => !(KINDS as readonly string[]).includes(t));
  if (unknown !== undefined) throw invalid(`type must be a comma-separated list of ${KINDS.join(', ')}; got "${unknown}"`);
  return new Set(asked as AssetType[]);
}

export const folderRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${F}$`),
    category: 'folders.show',
    handler: ({ ctx, params }) => Promise.resolve({ body: { data: toV4Folder(ctx, assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder')) } }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${F}$`),
    category: 'folders.delete',
    handler: async ({ ctx, params }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      if (ctx.store.isProjectRoot(folder.id)) throw new ApiError(403, "a project's root folder cannot be deleted");
      await deleteTree(ctx.store, ctx.parts, folder);
      return { status: 204, body: undefined };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${F}/children$`),
    category: 'folders.index',
    handler: ({ ctx, params, url }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const kinds = typeFilter(url.searchParams.get('type'));
      // One kind, or all of them, is the index's own list; a mix of two is filtered here.
      const only = kinds.size === 1 ? [...kinds][0] : undefined;
      const all = kinds.size === KINDS.length ? ctx.store.children(folder.id) : only ? ctx.store.children(folder.id, only) : ctx.store.children(folder.id).filter((a) => kinds.has(a.type));
      return v4PageAsync(url, all, (a) => toV4Asset(ctx, a), ASSET_PAGE_MAX, (page) => refreshOnRead(ctx, page));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${F}/folders$`),
    category: 'folders.list',
    handler: ({ ctx, params, url }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const folders = ctx.store.children(folder.id, 'folder');
      return Promise.resolve(v4Page(url, folders, (a) => toV4Folder(ctx, a), ASSET_PAGE_MAX));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${F}/folders$`),
    category: 'folders.create',
    handler: async ({ ctx, params, req }) => {
      const parent = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const { data } = await readV4Body(req, folderCreateBody);
      const folder = newAsset(ctx.store, parent, { name: data.name, type: 'folder' });
      ctx.store.addAsset(folder);
      ctx.store.save();
      return { status: 201, body: { data: toV4Folder(ctx, folder) } };
    },
  },
  {
    // The folder's own files (versions inside stacks are not among them): what a client polls to confirm uploads.
    method: 'GET',
    pattern: new RegExp(`^${F}/files$`),
    category: 'files.list',
    handler: ({ ctx, params, url }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const files = ctx.store.children(folder.id, 'file');
      return v4PageAsync(url, files, (a) => toV4File(ctx, a), ASSET_PAGE_MAX, (page) => refreshOnRead(ctx, page));
    },
  },
];
