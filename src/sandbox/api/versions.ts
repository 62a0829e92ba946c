import { appendVersion, makeStack, stackOf } from '../ops/stacks.js';
import type { AssetRecord } from '../state/types.js';
import { readJsonBody } from '../util/http.js';
import { toV2Asset } from './asset-json.js';
import { invalid, notFound } from './errors.js';
import type { ApiResult, RouteInput } from './route-types.js';
import { firstIssue, versionBody } from './schemas.js';

/**
 * POST /v2/assets/{target}/version {next_asset_id}. Target a file → a new version_stack (new id) takes the
 * file's place and holds [target, next]; target a stack → next is appended. Answers the stack
 * (`_type: "version_stack"`, `cover_asset_id` = next).
 */
export async function addVersion({ ctx, req }: RouteInput, target: AssetRecord): Promise<ApiResult> {
  const parsed = versionBody.safeParse(await readJsonBody(req));
  if (!parsed.success) throw invalid(firstIssue(parsed.error));
  const { store } = ctx;
  const next = store.asset(parsed.data.next_asset_id);
  if (!next || next.projectId !== target.projectId) throw notFound('next asset');
  if (next.id === target.id) throw invalid('next_asset_id must differ from the target');
  if (next.type !== 'file') throw invalid('next_asset_id must be a file');
  if (target.type === 'folder') throw invalid('a version target must be a file or a version_stack');
  if (stackOf(store, next)) throw invalid('next asset is already in a version stack');
  if (target.type === 'file' && stackOf(store, target)) {
    throw invalid('target is already a version: target its version_stack instead');
  }
  let stack: AssetRecord;
  if (target.type === 'version_stack') {
    stack = target;
    appendVersion(store, stack, next);
  } else {
    stack = makeStack(store, [target, next]);
  }
  store.save();
  return { body: toV2Asset(ctx, stack) };
}
