// Files: local_upload (sized part URLs), remote_upload, show, status, move (into a folder or onto a version
// stack), delete.
import { refreshOnRead } from '../api/completion-check.js';
import { invalid } from '../api/errors.js';
import type { Route } from '../api/route-types.js';
import { deleteTree } from '../ops/delete.js';
import { mediaTypeFor } from '../ops/media-type.js';
import { newAsset } from '../ops/new-asset.js';
import { planPartSizes } from '../ops/part-plan.js';
import { appendVersion, moveToFolder } from '../ops/stacks.js';
import { startRemoteImport } from '../remote-import.js';
import { localUploadBody, moveBody, readV4Body, remoteUploadBody } from './body.js';
import { toV4File, toV4UploadStatus } from './json.js';
import { assetIn } from './scope.js';

const A = '/v4/accounts/([^/]+)';
const FILE = `${A}/files/([^/]+)`;

export const fileRoutes: Route[] = [
  {
    // The server decides the split (options.ts PartPlan) and the media type; each URL carries its own size.
    method: 'POST',
    pattern: new RegExp(`^${A}/folders/([^/]+)/files/local_upload$`),
    category: 'files.create_local_upload',
    handler: async ({ ctx, params, req }) => {
      const folder = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'folder');
      const { data } = await readV4Body(req, localUploadBody);
      const sizes = planPartSizes(data.file_size, ctx.partSizeBytes, ctx.partPlan, ctx.partRandom);
      const mediaType = mediaTypeFor(data.name);
      const file = newAsset(ctx.store, folder, { name: data.name, type: 'file', filesize: data.file_size, filetype: mediaType, partCount: sizes.length, partSizes: sizes });
      const urls = await ctx.partUrls.partUrls(ctx.parts.bucket, file.id, sizes.length, mediaType, ctx.urlExpiresS);
      ctx.store.addAsset(file);
      ctx.store.save();
      ctx.faults.recordAssetCreated();
      const uploadUrls = sizes.map((size, i) => ({ size, url: urls[i] }));
      return { status: 201, body: { data: { ...toV4File(ctx, file, mediaType), upload_urls: uploadUrls } } };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${A}/folders/([^/]+)/files/remote_upload$`),
    category: 'files.create_remote_upload',
    handler: async ({ ctx, params, req }) => {
      const [accountId = '', folderId = ''] = params;
      const folder = assetIn(ctx, accountId, folderId, 'folder');
      const { data } = await readV4Body(req, remoteUploadBody);
      const file = newAsset(ctx.store, folder, { name: data.name, type: 'file', source: { url: data.source_url, status: 'pending', error: null } });
      ctx.store.addAsset(file);
      ctx.store.save();
      ctx.faults.recordAssetCreated();
      startRemoteImport(ctx, file.id);
      return { status: 202, body: { data: toV4File(ctx, file), links: { status: `/v4/accounts/${accountId}/files/${file.id}/status` } } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${FILE}$`),
    category: 'files.show',
    handler: async ({ ctx, params }) => {
      const file = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'file');
      await refreshOnRead(ctx, [file]);
      return { body: { data: toV4File(ctx, file) } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${FILE}/status$`),
    category: 'files.show_file_upload_status',
    handler: async ({ ctx, params }) => {
      const file = assetIn(ctx, params[0] ?? '', params[1] ?? '', 'file');
      await refreshOnRead(ctx, [file]);
      return { body: { data: toV4UploadStatus(file) } };
    },
  },
  {
    // Into a folder of the same account, or onto a version stack (its newest version): V4's way to append.
    method: 'PATCH',
    pattern: new RegExp(`^${FILE}/move$`),
    category: 'files.move',
    handler: async ({ ctx, params, req }) => {
      const [accountId = ''] = params;
      const file = assetIn(ctx, accountId, params[1] ?? '', 'file');
      const { data } = await readV4Body(req, moveBody);
      let target;
      try {
        target = assetIn(ctx, accountId, data.parent_id, 'folder', 'version_stack');
      } catch {
        throw invalid('parent_id must be a folder or a version stack in this account', '/data/parent_id');
      }
      if (target.id !== file.parentId) {
        if (target.type === 'version_stack') appendVersion(ctx.store, target, file);
        else moveToFolder(ctx.store, file, target);
        ctx.store.save();
      }
      return { body: { data: toV4File(ctx, file) } };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${FILE}$`),
    category: 'files.delete',
    handler: async ({ ctx, params }) => {
      await deleteTree(ctx.store, ctx.parts, assetIn(ctx, params[0] ?? '', params[1] ?? '', 'file'));
      return { status: 204, body: undefined };
    },
  },
];
