import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ApiContext } from './api/context.js';

// A stuck source must not hold an asset "pending" forever.
const IMPORT_TIMEOUT_MS = 10 * 60 * 1000;
/** Frame.io takes remote uploads up to 50 GB (frameio-api.md, V4 remote upload); a larger source fails the import. */
export const REMOTE_IMPORT_MAX_BYTES = 50 * 1000 ** 3;
/** Imports fetched at once; the others stay `pending` until a slot frees (each may write up to the cap to disk). */
export const REMOTE_IMPORTS_AT_ONCE = 4;

/** Fetches `source.url` in the background, stores it as the asset's single part, then completes the asset. */
export function startRemoteImport(ctx: ApiContext, assetId: string): void {
  ctx.inFlight.add(
    (async () => {
      const release = await ctx.importSlots.take(ctx.shutdown.signal);
      if (!release) return; // closing: left pending, as a running import is
      try {
        await runImport(ctx, assetId);
      } finally {
        release();
      }
    })(),
  );
}

async function runImport(ctx: ApiContext, assetId: string): Promise<void> {
  const url = ctx.store.asset(assetId)?.source?.url;
  if (!url) return;
  const dir = await mkdtemp(join(tmpdir(), 'ferry-import-'));
  const file = join(dir, 'download');
  try {
    const signal = AbortSignal.any([ctx.shutdown.signal, AbortSignal.timeout(IMPORT_TIMEOUT_MS)]);
    const response = await fetch(url, { signal, redirect: 'follow' });
    if (!response.ok || !response.body) throw new Error(`source answered HTTP ${response.status}`);
    const max = ctx.remoteImportMaxBytes;
    if (Number(response.headers.get('content-length') ?? 0) > max) throw tooLarge(max);
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    await pipeline(body, capped(max), createWriteStream(file, { mode: 0o600 }), { signal });
    const { size } = await stat(file);
    if (size === 0) throw new Error('source is empty');
    await ctx.parts.putPartFromFile(assetId, 1, file);
    finish(ctx, assetId, (a) => {
      a.filesize = size;
      a.partCount = 1;
      a.filetype ??= response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream';
      a.uploadCompletedAt = new Date().toISOString();
      if (a.source) a.source = { ...a.source, status: 'complete' };
    });
    ctx.checksums.schedule(assetId);
  } catch (err) {
    if (ctx.shutdown.signal.aborted) return; // closing: leave it pending, a restart does not resume it
    ctx.log(`remote import of ${assetId} failed: ${String(err)}`);
    finish(ctx, assetId, (a) => {
      if (a.source) a.source = { ...a.source, status: 'error', error: err instanceof Error ? err.message : String(err) };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const tooLarge = (max: number): Error => new Error(`source is larger than ${max} bytes, the most a remote upload takes`);

/** Passes bytes through and fails the stream past `max` (a source without Content-Length, or one that lied). */
function capped(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > max ? tooLarge(max) : null, chunk);
    },
  });
}

function finish(ctx: ApiContext, assetId: string, update: (a: NonNullable<ReturnType<typeof ctx.store.asset>>) => void): void {
  const asset = ctx.store.asset(assetId);
  if (!asset) return; // deleted meanwhile
  update(asset);
  asset.updatedAt = new Date().toISOString();
  ctx.store.save();
}
