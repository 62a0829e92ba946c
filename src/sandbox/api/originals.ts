import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AssetRecord } from '../state/types.js';
import { stitchedParts } from '../storage/stitched.js';
import type { ApiContext } from './context.js';
import { ApiError } from './errors.js';

// `original` is a capability URL like Frame.io's CDN links: anyone holding it can GET the bytes, no
// Authorization header. The HMAC over the asset id (key kept in dataDir) makes it unguessable.
export const ORIGINALS_PREFIX = '/originals/';

function sign(secret: string, assetId: string): string {
  return createHmac('sha256', secret).update(`original:${assetId}`).digest('hex');
}

export function originalUrl(ctx: ApiContext, asset: AssetRecord): string | null {
  if (asset.type !== 'file' || asset.uploadCompletedAt === null) return null;
  const sig = sign(ctx.store.state.originalsSecret, asset.id);
  return `${ctx.apiOrigin}${ORIGINALS_PREFIX}${asset.id}/${encodeURIComponent(asset.name)}?sig=${sig}`;
}

/** GET /originals/<assetId>/<name>?sig=…: streams the parts in order, i.e. the stitched file. */
export async function serveOriginal(ctx: ApiContext, url: URL, res: ServerResponse, headOnly: boolean): Promise<void> {
  const assetId = url.pathname.slice(ORIGINALS_PREFIX.length).split('/')[0] ?? '';
  const given = Buffer.from(url.searchParams.get('sig') ?? '');
  const expected = Buffer.from(sign(ctx.store.state.originalsSecret, assetId));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(403, 'invalid or missing signature');
  }
  const asset = ctx.store.asset(assetId);
  if (!asset || asset.type !== 'file' || asset.uploadCompletedAt === null) throw new ApiError(404, 'original not found');
  res.writeHead(200, {
    'content-type': asset.filetype ?? 'application/octet-stream',
    'content-length': String(asset.filesize),
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(asset.name)}`,
  });
  if (headOnly) {
    res.end();
    return;
  }
  // pipeline, not a write/drain loop: a client that disconnects fails it, which ends the generator and so
  // destroys the open part stream (file handle or S3 response) instead of waiting for a 'drain' that never comes.
  await pipeline(stitchedParts(ctx.parts, asset.id, asset.partCount), res);
}
