// Uploads one file: create the placeholder asset (or continue a journaled one) → plan ranges → stream each range
// not yet acknowledged to its URL, a few in parallel under the batch's global part cap → retry what is retryable →
// check the file did not change → confirm Frame.io saw every part → compare checksums → stack as a version.
import { setMaxListeners } from 'node:events';
import { sleep as realSleep } from '../frameio/backoff';
import type { FrameioClient } from '../frameio/types';
import type { AdaptiveConcurrency } from './adaptive-concurrency';
import type { AuthGate } from './auth-gate';
import type { CompletionWatcher } from './completion-watcher';
import type { FileControl } from './file-control';
import { createXxHash64, xxHash64File } from './file-hasher';
import { FileSource } from './file-source';
import type { FileState } from './file-state';
import type { Limiter } from './limiter';
import type { NetworkGate } from './network-gate';
import { OFFLINE_CODES } from './network-gate';
import { PartUploadError } from './part-error';
import { putPart } from './part-uploader';
import { type PartRange, planRanges } from './planner';
import { decidePartRetry } from './retry-policy';
import { earliestExpiry } from './url-expiry';

/** A file whose URLs expire mid-upload is recreated at most this often before we give up. */
export const MAX_ASSET_RECREATES = 2;
/** Journaled URLs this close to expiry are not worth starting on: recreate the asset instead. */
export const URL_EXPIRY_MARGIN_MS = 5 * 60_000;

export interface TransferContext {
  client: FrameioClient;
  /** Global cap on part PUTs in flight across every file of the batch. */
  partLimiter: Limiter;
  adaptive?: AdaptiveConcurrency;
  /** Cap on concurrent asset creations (Frame.io allows ~5 creates/s). */
  createLimiter: Limiter;
  /** How many of one file's parts may be queued for a slot at once. */
  partsPerFile: number;
  mediaTypeFor: (name: string) => string;
  auth?: AuthGate;
  network?: NetworkGate;
  /** Tell the journal the file's state changed; it is written soon (coalesced), see decisions/0008. */
  persist?: () => void;
  /** Confirms completion (batched per folder). */
  completions: CompletionWatcher;
  /** A part with no bytes moving for this long is aborted and retried (default PART_IDLE_TIMEOUT_MS). */
  partIdleTimeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** The whole batch stops (process exit, Ctrl-C): files keep their placeholders for resume. */
  signal?: AbortSignal;
  onChange?: (file: FileState) => void;
}

/** The user canceled this file: its placeholder is removed. */
export class CanceledError extends Error {
  override readonly name = 'CanceledError';
  constructor() {
    super('canceled');
  }
}

/** The batch was interrupted: the file stays journaled with its placeholder, to be resumed. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted; run `ferry resume` to continue');
  }
}

/** A failure after which the same asset can still be continued later (retry budget spent on a flaky network). */
export class ResumableError extends Error {
  override readonly name = 'ResumableError';
}

class RecreateNeeded extends Error {}

function checkStop(ctx: TransferContext, control: FileControl): void {
  if (control.canceled) throw new CanceledError();
  if (ctx.signal?.aborted) throw new InterruptedError();
}

const api = <T>(ctx: TransferContext, call: () => Promise<T>): Promise<T> => (ctx.auth ? ctx.auth.call(call) : call());

async function sendRange(ctx: TransferContext, file: FileState, source: FileSource, range: PartRange, fileSignal: AbortSignal, control: FileControl) {
  const wait = ctx.sleep ?? realSleep;
  let attempt = 0;
  for (;;) {
    await control.waitWhilePaused();
    checkStop(ctx, control);
    if (fileSignal.aborted) return; // another part of this file failed; its error is reported
    const signal = AbortSignal.any([fileSignal, control.signal]);
    // A part that is the whole file is read in order anyway: hash it on the way (decisions/0007).
    const hash = range.start === 0 && range.end === file.size ? await createXxHash64() : null;
    try {
      await ctx.partLimiter.run(async () => {
        if (signal.aborted) throw new PartUploadError({ kind: 'aborted' });
        try {
          await source.assertUnchanged();
        } catch (error) {
          throw new PartUploadError({ kind: 'source', message: (error as Error).message });
        }
        await putPart({
          url: range.url,
          contentType: file.contentType ?? 'application/octet-stream',
          path: file.path,
          start: range.start,
          end: range.end,
          ...(hash ? { onChunk: (chunk: Uint8Array) => hash.update(chunk) } : {}),
          signal,
          onProgress: (sent) => file.progress.sending(range.index, sent),
          ...(ctx.partIdleTimeoutMs ? { idleTimeoutMs: ctx.partIdleTimeoutMs } : {}),
        });
      });
      file.progress.acknowledge(range.index, range.size);
      file.partsDone.add(range.index);
      if (hash) file.xxHash = hash.hex();
      ctx.adaptive?.succeeded();
      ctx.persist?.();
      return;
    } catch (error) {
      file.progress.dropInFlight(range.index);
      checkStop(ctx, control);
      if (control.paused || fileSignal.aborted) continue; // paused mid-part: not a failure, wait and resend
      if (!(error instanceof PartUploadError)) throw error;
      const failure = error.failure;
      if (failure.kind === 'network' && ctx.network && OFFLINE_CODES.has(failure.code ?? '') && (await ctx.network.isOffline(range.url))) {
        // Network gone: wait for it without spending this part's retry budget.
        const before = file.status;
        file.status = 'offline';
        ctx.onChange?.(file);
        await ctx.network.waitUntilOnline(range.url, ctx.signal).catch(() => undefined);
        file.status = control.paused ? 'paused' : before; // paused while offline: it stays paused
        ctx.onChange?.(file);
        continue;
      }
      const throttled = (failure.kind === 'http' && (failure.status === 429 || failure.status === 503)) || (failure.kind === 'network' && failure.code === 'ETIMEDOUT');
      if (throttled) ctx.adaptive?.throttled();
      const decision = decidePartRetry(failure, attempt, ctx.random, failure.kind === 'http' ? (failure.retryAfterMs ?? null) : null);
      if (decision.action === 'recreate') throw new RecreateNeeded(decision.reason);
      if (decision.action === 'fatal') {
        const prefix = attempt > 0 ? `part ${range.index + 1} failed after ${attempt + 1} attempts: ` : `part ${range.index + 1}: `;
        const transient = failure.kind === 'network' || (failure.kind === 'http' && failure.status >= 500);
        if (transient) throw new ResumableError(prefix + error.message, { cause: error });
        throw new Error(prefix + error.message, { cause: error });
      }
      attempt++;
      file.retries++;
      ctx.onChange?.(file);
      await wait(decision.delayMs, ctx.signal).catch(() => undefined);
    }
  }
}

async function sendRemainingRanges(ctx: TransferContext, file: FileState, source: FileSource, control: FileControl) {
  const ranges = planRanges(file.size, file.parts ?? []).filter((r) => !file.partsDone.has(r.index));
  const fileAbort = new AbortController();
  // Every part PUT in flight listens on this signal; more than Node's default of 10 is expected, not a leak.
  setMaxListeners(0, fileAbort.signal);
  const fileSignal = ctx.signal ? AbortSignal.any([ctx.signal, fileAbort.signal]) : fileAbort.signal;
  setMaxListeners(0, fileSignal);
  let next = 0;
  let firstError: unknown = null;
  const lane = async () => {
    while (next < ranges.length && !fileSignal.aborted) {
      const range = ranges[next++] as PartRange;
      try {
        await sendRange(ctx, file, source, range, fileSignal, control);
      } catch (error) {
        // The first failure stops the file's other parts: no point sending bytes for an asset that will not complete.
        firstError ??= error;
        fileAbort.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.partsPerFile, ranges.length) }, lane));
  if (firstError) throw firstError;
  checkStop(ctx, control);
}

/** Deletes a placeholder that can never complete; says so in the error when that fails too. */
export async function discardPlaceholder(ctx: TransferContext, file: FileState, error: unknown): Promise<Error> {
  const reason = error instanceof Error ? error : new Error(String(error));
  const assetId = file.assetId;
  file.assetId = null;
  file.parts = null;
  file.urlsExpireAt = null;
  file.partsDone.clear();
  if (!assetId) return reason;
  try {
    await api(ctx, () => ctx.client.deleteAsset(assetId));
    return reason;
  } catch (deleteError) {
    const why = deleteError instanceof Error ? deleteError.message : String(deleteError);
    return new Error(`${reason.message} (and its incomplete asset ${assetId} could not be removed: ${why})`, { cause: reason });
  }
}

function urlsUsable(ctx: TransferContext, file: FileState): boolean {
  if (!file.assetId || !file.parts) return false;
  const now = (ctx.now ?? Date.now)();
  return file.urlsExpireAt === null || file.urlsExpireAt - URL_EXPIRY_MARGIN_MS > now;
}

async function createAsset(ctx: TransferContext, file: FileState, parentId: string): Promise<void> {
  file.status = 'creating';
  ctx.onChange?.(file);
  const target = await ctx.createLimiter.run(() =>
    api(ctx, () => ctx.client.createFile(parentId, { name: file.remoteName, size: file.size, mediaType: ctx.mediaTypeFor(file.name) })),
  );
  file.assetId = target.asset.id;
  file.contentType = target.contentType;
  file.parts = target.parts;
  file.urlsExpireAt = earliestExpiry(target.parts.map((p) => p.url));
  file.partsDone.clear();
  file.progress.restart();
  // Journaled within 250 ms. A crash before that leaves an incomplete placeholder the journal does not know: resume
  // finds it by name and size and removes it before creating the file again (remote-plan.removeOrphans).
  ctx.persist?.();
}

/** `bytesSent` is called once every byte is acknowledged, before the confirmation: the caller can hand the file's
 * slot to the next file instead of holding it while Frame.io catches up (it was the small-file bottleneck). */
export async function transferFile(ctx: TransferContext, file: FileState, parentId: string, control: FileControl, bytesSent: () => void = () => {}): Promise<void> {
  const source = new FileSource(file.path, { size: file.size, mtimeMs: file.mtimeMs });
  await source.assertUnchanged();
  const hashAbort = new AbortController();
  // Several parts go out of order: a second, sequential reader hashes alongside them (decisions/0007). A one-part
  // file is hashed from its part's own stream instead.
  let hashing: Promise<string | null> | null = null;
  const hashAlongside = () => {
    if (hashing || (file.parts?.length ?? 0) <= 1) return;
    hashing = xxHash64File(file.path, hashAbort.signal).then(
      (hash) => (file.xxHash = hash),
      () => null,
    );
  };
  try {
    for (let creation = 0; ; creation++) {
      checkStop(ctx, control);
      if (!urlsUsable(ctx, file)) {
        if (file.assetId) await discardPlaceholder(ctx, file, new Error('expired'));
        await createAsset(ctx, file, parentId);
      }
      file.status = control.paused ? 'paused' : 'uploading';
      ctx.onChange?.(file);
      hashAlongside();
      try {
        await sendRemainingRanges(ctx, file, source, control);
        // The parts were read over time: a file still being written (a card copy in progress) must not count as done.
        await source.assertUnchanged();
        break;
      } catch (error) {
        if (error instanceof InterruptedError || error instanceof ResumableError) throw error; // keep the placeholder
        // The placeholder can never complete now, so it goes: no broken asset is left in the project. Expired URLs
        // cannot be re-issued (frameio-api.md 4): after deleting, a new asset is created and every byte resent.
        const reported = await discardPlaceholder(ctx, file, error);
        if (!(error instanceof RecreateNeeded)) throw reported;
        if (creation >= MAX_ASSET_RECREATES) throw new Error(`the upload URLs expired ${creation + 1} times; giving up`, { cause: error });
        if (reported !== error) throw reported; // could not delete the expired placeholder: stop rather than pile up more
        file.retries++;
      }
    }
    file.status = 'confirming';
    ctx.onChange?.(file);
    bytesSent();
    checkStop(ctx, control);
    const confirmed = ctx.completions.wait(file.assetId as string, parentId);
    confirmed.catch(() => undefined); // when interrupted first, its later outcome is no one's business
    const asset = ctx.signal
      ? await Promise.race([confirmed, new Promise<never>((_resolve, reject) => ctx.signal?.addEventListener('abort', () => reject(new InterruptedError()), { once: true }))])
      : await confirmed;
    // A one-part file resumed after its part was acknowledged has not been read in this run: hash it now.
    const local = hashing ? await hashing : (file.xxHash ?? (file.xxHash = await xxHash64File(file.path, hashAbort.signal).catch(() => null)));
    if (local && asset.xxHash && asset.xxHash.toLowerCase() !== local) {
      throw new Error(`checksum mismatch: the local file's xxHash64 is ${local} but Frame.io reports ${asset.xxHash} for asset ${asset.id}`);
    }
    if (file.versionOf) {
      const versionOf = file.versionOf;
      await api(ctx, () => ctx.client.addVersion(versionOf, file.assetId as string));
    }
  } finally {
    hashAbort.abort();
  }
}
