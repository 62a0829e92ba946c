// Uploads one file: create the placeholder asset → plan ranges → stream each range to its URL, a few in parallel
// under the batch's global part cap → retry what is retryable → check the file did not change → confirm Frame.io
// saw every part.
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
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onChange?: (file: FileState) => void;
}

export class CanceledError extends Error {
  override readonly name = 'CanceledError';
  constructor() {
    super('canceled');
  }
}

class RecreateNeeded extends Error {}

const throwIfCanceled = (signal: AbortSignal | undefined) => {
  if (signal?.aborted) throw new CanceledError();
};

async function sendRange(ctx: TransferContext, file: FileState, target: UploadTarget, source: FileSource, range: PartRange, signal: AbortSignal) {
  const wait = ctx.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    throwIfCanceled(signal);
    try {
      await ctx.partLimiter.run(async () => {
        throwIfCanceled(signal);
        try {
          await source.assertUnchanged();
        } catch (error) {
          throw new PartUploadError({ kind: 'source', message: (error as Error).message });
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
      if (signal.aborted) throw new CanceledError();
      if (!(error instanceof PartUploadError)) throw error;
      const decision = decidePartRetry(error.failure, attempt, ctx.random);
      if (decision.action === 'recreate') throw new RecreateNeeded(decision.reason);
      if (decision.action === 'fatal') {
        const prefix = attempt > 0 ? `part ${range.index + 1} failed after ${attempt + 1} attempts: ` : `part ${range.index + 1}: `;
        throw new Error(prefix + error.message, { cause: error });
      }
      file.retries++;
      ctx.onChange?.(file);
      await wait(decision.delayMs, signal).catch(() => undefined);
    }
  }
}

async function sendAllRanges(ctx: TransferContext, file: FileState, target: UploadTarget, source: FileSource) {
  const ranges = planRanges(file.size, target.parts);
  const fileAbort = new AbortController();
  // One signal for this file's parts: fires on a batch cancel (ctx.signal) or on this file's first fatal error.
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, fileAbort.signal]) : fileAbort.signal;
  // Every part PUT in flight listens on this signal; more than Node's default of 10 is expected, not a leak.
  setMaxListeners(0, signal);
  let next = 0;
  const lane = async () => {
    while (next < ranges.length && !signal.aborted) {
      const range = ranges[next++] as PartRange;
      await sendRange(ctx, file, target, source, range, signal);
    }
  };
  const lanes = Array.from({ length: Math.min(ctx.partsPerFile, ranges.length) }, lane);
  try {
    // First failure stops the file's other parts: no point sending bytes for an asset that will not complete.
    await Promise.all(
      lanes.map((p) =>
        p.catch((error: unknown) => {
          fileAbort.abort();
          throw error;
        }),
      ),
    );
  } finally {
    await Promise.allSettled(lanes);
  }
  throwIfCanceled(ctx.signal);
}

async function confirmComplete(ctx: TransferContext, assetId: string): Promise<void> {
  const wait = ctx.sleep ?? realSleep;
  const deadline = Date.now() + (ctx.confirmTimeoutMs ?? CONFIRM_TIMEOUT_MS);
  let delay = CONFIRM_POLL_START_MS;
  for (;;) {
    throwIfCanceled(ctx.signal);
    const asset = await ctx.client.getAsset(assetId);
    if (asset.uploadComplete) return;
    if (Date.now() >= deadline) {
      // Every byte was sent: a re-upload would make a duplicate, so say where the asset is instead.
      throw new Error(`every part was sent, but Frame.io has not yet marked asset ${assetId} complete; check it before uploading again`);
    }
    await wait(delay, ctx.signal).catch(() => undefined);
    delay = Math.min(CONFIRM_POLL_MAX_MS, delay * 2);
  }
}

/** Deletes a placeholder that can never complete; says so in the error when that fails too. */
async function discardPlaceholder(ctx: TransferContext, assetId: string, error: unknown): Promise<Error> {
  const reason = error instanceof Error ? error : new Error(String(error));
  try {
    await ctx.client.deleteAsset(assetId);
    return reason;
  } catch (deleteError) {
    const why = deleteError instanceof Error ? deleteError.message : String(deleteError);
    return new Error(`${reason.message} (and its incomplete asset ${assetId} could not be removed: ${why})`, { cause: reason });
  }
}

export async function transferFile(ctx: TransferContext, file: FileState, parentId: string): Promise<void> {
  const source = new FileSource(file.path, { size: file.size, mtimeMs: file.mtimeMs });
  await source.assertUnchanged();
  for (let creation = 0; ; creation++) {
    throwIfCanceled(ctx.signal);
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
      // The parts were read over time: a file still being written (a card copy in progress) must not count as done.
      await source.assertUnchanged();
      break;
    } catch (error) {
      // The placeholder can never complete now, so it goes: no broken asset is left in the project (until the
      // journal of a later issue lets a failed upload resume into it). Expired URLs cannot be re-issued
      // (frameio-api.md 4): after deleting, a new asset is created and every byte resent.
      const reported = await discardPlaceholder(ctx, target.asset.id, error);
      file.assetId = null;
      if (!(error instanceof RecreateNeeded)) throw reported;
      if (creation >= MAX_ASSET_RECREATES) throw new Error(`the upload URLs expired ${creation + 1} times; giving up`, { cause: error });
      if (reported !== error) throw reported; // could not delete the expired placeholder: stop rather than pile up more
      file.retries++;
      file.progress.restart();
    }
  }
  file.status = 'confirming';
  ctx.onChange?.(file);
  await confirmComplete(ctx, file.assetId as string);
}
