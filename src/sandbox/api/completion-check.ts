import { partsComplete } from '../completion.js';
import type { AssetRecord } from '../state/types.js';
import type { ApiContext } from './context.js';

/**
 * Marks a file complete when all its parts are stored with the expected sizes, `completionLagMs` after noticing
 * (so a client has to poll, as on Frame.io where completion can lag the last PUT). Idempotent.
 */
export async function refreshCompletion(ctx: ApiContext, asset: AssetRecord): Promise<void> {
  if (asset.type !== 'file' || asset.uploadCompletedAt !== null || asset.partCount === 0) return;
  if (asset.source && asset.source.status !== 'complete') return;
  const present = await ctx.parts.partSizes(asset.id);
  // Re-read: the asset may have been deleted or completed while we listed.
  const current = ctx.store.asset(asset.id);
  if (!current || current.uploadCompletedAt !== null) return;
  if (!partsComplete(current.filesize, current.partCount, present, current.partSizes)) return;
  if (ctx.completionLagMs <= 0) {
    markComplete(ctx, current.id);
    return;
  }
  ctx.lagTimers.once(current.id, ctx.completionLagMs, () => markComplete(ctx, current.id));
}

function markComplete(ctx: ApiContext, assetId: string): void {
  const current = ctx.store.asset(assetId);
  if (!current || current.uploadCompletedAt !== null) return;
  const now = new Date().toISOString();
  current.uploadCompletedAt = now;
  current.updatedAt = now;
  ctx.store.save();
  ctx.checksums.schedule(current.id);
}

/** External mode only: completion is noticed when someone looks (ListObjectsV2 per unfinished file). */
export async function refreshOnRead(ctx: ApiContext, assets: AssetRecord[]): Promise<void> {
  if (!ctx.checkCompletionOnRead) return;
  const pending = assets.flatMap((a) => {
    if (a.type === 'file') return [a];
    if (a.type === 'version_stack') return ctx.store.children(a.id);
    return [];
  });
  await Promise.all(pending.map((a) => refreshCompletion(ctx, a)));
}
