// Version stacks: list a folder's, make one from 2–10 of its files (oldest first), show one, list its versions.
// Appending is a files move onto the stack (routes-files.ts).
import { invalid } from '../api/errors.js';
import type { Route } from '../api/route-types.js';
import { makeStack } from '../ops/stacks.js';
import { readV4Body, versionStackBody } from './body.js';
import { toV4File, toV4Stack } from './json.js';
import { ASSET_PAGE_MAX, LIST_PAGE_MAX, v4Page } from './pages.js';
import { assetIn } from './scope.js';

const A = '/v4/accounts/([^/]+)';
const FILE_IDS = '/data/file_ids';

export const stackRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${A}/folders/([^/]+)/version_stacks$`),
    category: 'version_stacks.list',
    handler: ({ ctx, params, url }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const stacks = ctx.store.children(folder.id, 'version_stack');
      return Promise.resolve(v4Page(url, stacks, (a) => toV4Stack(ctx, a), ASSET_PAGE_MAX));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${A}/folders/([^/]+)/version_stacks$`),
    category: 'version_stacks.create',
    handler: async ({ ctx, params, req }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const { data } = await readV4Body(req, versionStackBody);
      const files = data.file_ids.map((id) => {
        const file = ctx.store.asset(id);
        if (!file || file.type !== 'file' || file.parentId !== folder.id) {
          throw invalid(`${id} is not a file in this folder (a version stack is made of files already in its folder)`, FILE_IDS);
        }
        return file;
      });
      const stack = makeStack(ctx.store, files);
      ctx.store.save();
      return { status: 201, body: { data: toV4Stack(ctx, stack) } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${A}/version_stacks/([^/]+)$`),
    category: 'version_stacks.show',
    handler: ({ ctx, params }) => Promise.resolve({ body: { data: toV4Stack(ctx, assetIn(ctx, params[0] ?? '', params[1] ?? '', 'version_stack')) } }),
  },
  {
    // Versions oldest first. This list takes page_size 1–100 (RequestPageSize in the spec), not 1–500.
    method: 'GET',
    pattern: new RegExp(`^${A}/version_stacks/([^/]+)/children$`),
    category: 'version_stacks.index',
    handler: ({ ctx, params, url }) => {
      const stack = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'version_stack');
      return Promise.resolve(v4Page(url, ctx.store.children(stack.id), (a) => toV4File(ctx, a), LIST_PAGE_MAX));
    },
  },
];
