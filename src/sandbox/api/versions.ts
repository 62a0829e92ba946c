import { randomUUID } from 'node:crypto';
import type { AssetRecord } from '../state/types.js';
import { readJsonBody } from '../util/http.js';
import { toV2Asset } from './asset-json.js';
import { invalid, notFound } from './errors.js';
import type { ApiResult, RouteInput } from './route-types.js';
import { firstIssue, versionBody } from './schemas.js';

/**
 * POST /v2/assets/{target}/version {next_asset_id}. Target a file → a new version_stack (new id) takes the
 * file's place and holds [target, next]; target a stack → next is appended. Answers the stack.
 */
export async function addVersion({ ctx, req }: RouteInput, target: AssetRecord): Promise<ApiResult> {
  const parsed = versionBody.safeParse(await readJsonBody(req));
  if (!parsed.success) throw invalid(firstIssue(parsed.error));
  const next = ctx.store.asset(parsed.data.next_asset_id);
  if (!next || next.projectId !== target.projectId) throw notFound('next asset');
  if (next.id === target.id) throw invalid('next_asset_id must differ from the target');
  if (next.type !== 'file') throw invalid('next_asset_id must be a file');
  if (target.type === 'folder') throw invalid('a version target must be a file or a version_stack');
  const nextParent = next.parentId ? ctx.store.asset(next.parentId) : undefined;
  if (nextParent?.type === 'version_stack') throw invalid('next asset is already in a version stack');
  const targetParent = target.parentId ? ctx.store.asset(target.parentId) : undefined;
  if (target.type === 'file' && targetParent?.type === 'version_stack') {
    throw invalid('target is already a version: target its version_stack instead');
  }

  const now = new Date().toISOString();
  let stack: AssetRecord;
  if (target.type === 'version_stack') {
    stack = target;
  } else {
    stack = {
      ...target,
      id: randomUUID(),
      type: 'version_stack',
      filesize: 0,
      filetype: null,
      partCount: 0,
      insertedAt: now,
      uploadCompletedAt: null,
      versionNumber: null,
      source: null,
      xxHash: null,
    };
    ctx.store.addAsset(stack);
    ctx.store.setParent(target, stack.id);
    target.versionNumber = 1;
    target.updatedAt = now;
  }
  const last = Math.max(0, ...ctx.store.children(stack.id).map((v) => v.versionNumber ?? 0));
  ctx.store.setParent(next, stack.id);
  next.versionNumber = last + 1;
  next.updatedAt = now;
  stack.updatedAt = now;
  ctx.store.save();
  return { body: toV2Asset(ctx, stack) };
}
