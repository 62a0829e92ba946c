// Uploads one file: create the placeholder asset → plan ranges → stream each range to its URL, a few in parallel
// under the batch's global part cap → retry what is retryable → confirm Frame.io saw every part.
import { setMaxListeners } from 'node:events';
import type { FrameioClient, UploadTarget } from '../frameio/types';
import { sleep as realSleep } from '../frameio/backoff';
import { FileSource } from './file-source';
import type { FileState } from './file-state';
import type { Limiter } from './limiter';
import { PartUploadError } from './part-error';
import { putPart } from './part-uploader';
import { type PartRange, planRanges } from './planner';
import { decidePartRetry } from './retry-policy';

/** A file whose URLs expire mid-upload is recreated at most this often before we give up. */
export const MAX_ASSET_RECREATES = 2;
export const CONFIRM_TIMEOUT_MS = 120_000;
const CONFIRM_POLL_START_MS = 200;
const CONFIRM_POLL_MAX_MS = 2_000;

export interface TransferContext {
  client: FrameioClient;
  /** Global cap on part PUTs in flight across every file of the batch. */
  partLimiter: Limiter;
  /** Cap on concurrent asset creations (Frame.io allows ~5 creates/s). */
  createLimiter: Limiter;
  /** How many of one file's parts may be queued for a slot at once. */
  partsPerFile: number;
  mediaTypeFor: (name: string) => string;
  confirmTimeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  onChange?: (file: FileState) => void;
}

class RecreateNeeded extends Error {}

async function sendRange(ctx: TransferContext, file: FileState, target: UploadTarget, source: FileSource, range: PartRange, signal: AbortSignal) {
  const wait = ctx.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.partLimiter.run(async () => {
        try {
          await source.assertUnchanged();
        } catch (error) {
          throw new PartUploadError({ kind: 'source_changed', message: (error as Error).message });
        }
        await putPart({
          url: range.url,
          contentType: target.contentType,
          size: range.size,
          body: source.range(range.start, range.end),
          signal,
          onProgress: (sent) => file.progress.sending(range.index, sent),
        });
      });
      file.progress.acknowledge(range.index, range.size);
      return;
    } catch (error) {
      file.progress.dropInFlight(range.index);
      if (!(error instanceof PartUploadError)) throw error;
      if (signal.aborted) throw new PartUploadError({ kind: 'aborted' });
      const decision = decidePartRetry(error.failure, attempt, ctx.random);
      if (decision.action === 'recreate') throw new RecreateNeeded(decision.reason);
      if (decision.action === 'fatal') {
        const prefix = attempt > 0 ? `part ${range.index + 1} failed after ${attempt + 1} attempts: ` : `part ${range.index + 1}: `;
        throw new Error(prefix + error.message, { cause: error });
      }
      file.retries++;
      ctx.onChange?.(file);
      await wait(decision.delayMs);
    }
  }
}

async function sendAllRanges(ctx: TransferContext, file: FileState, target: UploadTarget, source: FileSource) {
  const ranges = planRanges(file.size, target.parts);
  const fileAbort = new AbortController();
  // Every part PUT in flight listens on this signal; more than Node's default of 10 is expected, not a leak.
  setMaxListeners(0, fileAbort.signal);
  const onOuterAbort = () => fileAbort.abort();
  ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let next = 0;
  const lane = async () => {
    while (next < ranges.length && !fileAbort.signal.aborted) {
      const range = ranges[next++] as PartRange;
      await sendRange(ctx, file, target, source, range, fileAbort.signal);
    }
  };
  const lanes = Array.from({ length: Math.min(ctx.partsPerFile, ranges.length) }, lane);
  try {
    // First failure stops the file's other parts: no point sending bytes for an asset that will not complete.
    await Promise.all(lanes.map((p) => p.catch((error: unknown) => {
      fileAbort.abort();
      throw error;
    })));
  } finally {
    ctx.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.allSettled(lanes);
  }
}

async function confirmComplete(ctx: TransferContext, assetId: string): Promise<void> {
  const wait = ctx.sleep ?? realSleep;
  const deadline = Date.now() + (ctx.confirmTimeoutMs ?? CONFIRM_TIMEOUT_MS);
  let delay = CONFIRM_POLL_START_MS;
  for (;;) {
    const asset = await ctx.client.getAsset(assetId);
    if (asset.uploadComplete) return;
    if (Date.now() >= deadline) {
      throw new Error('every part was sent but Frame.io has not marked the upload complete; retry the file');
    }
    await wait(delay);
    delay = Math.min(CONFIRM_POLL_MAX_MS, delay * 2);
  }
}

export async function transferFile(ctx: TransferContext, file: FileState, parentId: string): Promise<void> {
  const source = new FileSource(file.path, { size: file.size, mtimeMs: file.mtimeMs });
  await source.assertUnchanged();
  for (let creation = 0; ; creation++) {
    file.status = 'creating';
    ctx.onChange?.(file);
    const target = await ctx.createLimiter.run(() =>
      ctx.client.createFile(parentId, { name: file.name, size: file.size, mediaType: ctx.mediaTypeFor(file.name) }),
    );
    file.assetId = target.asset.id;
    file.status = 'uploading';
    ctx.onChange?.(file);
    try {
      await sendAllRanges(ctx, file, target, source);
      break;
    } catch (error) {
      // The placeholder can never complete now, so it goes: no broken asset is left in the project (until the
      // journal of a later issue lets a failed upload resume into it). Expired URLs cannot be re-issued
      // (frameio-api.md 4): after deleting, a new asset is created and every byte resent.
      await ctx.client.deleteAsset(target.asset.id).catch(() => undefined);
      file.assetId = null;
      if (!(error instanceof RecreateNeeded) || creation >= MAX_ASSET_RECREATES) {
        if (error instanceof RecreateNeeded) throw new Error(`the upload URLs expired ${creation + 1} times; giving up`, { cause: error });
        throw error;
      }
      file.retries++;
      file.progress.restart();
    }
  }
  file.status = 'confirming';
  ctx.onChange?.(file);
  await confirmComplete(ctx, file.assetId as string);
}
