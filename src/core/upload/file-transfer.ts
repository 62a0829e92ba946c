// Uploads one file: create the placeholder asset (or continue a journaled one) → plan ranges → stream each range
// not yet acknowledged to its URL, a few in parallel under the global part cap, each PUT paced and retried by the
// session's pacer → check the file did not change → confirm Frame.io saw every part → compare checksums → stack as
// a version. Status moves go through ctx.move (file-lifecycle); this file never writes a status itself.
import { createXxHash64, type StreamingHash, xxHash64File } from './file-hasher';
import { FileSource } from './file-source';
import { linkSignals } from './linked-signal';
import { type FileState, forgetAsset } from './file-state';
import { PartUploadError } from './part-error';
import { type PartRange, planRanges } from './planner';
import { classifyPartError, isExpired, isTransientPartFailure, PART_RETRY_BUDGET } from './retry-policy';
import type { TransferContext } from './transfer-context';
import { CanceledError, InterruptedError, RecreateNeeded, ResumableError } from './transfer-errors';
import { earliestExpiry } from './url-expiry';

export * from './transfer-errors';

/** A file whose URLs expire mid-upload is recreated at most this often before we give up. */
export const MAX_ASSET_RECREATES = 2;
/** Journaled URLs this close to expiry are not worth starting on: recreate the asset instead. */
export const URL_EXPIRY_MARGIN_MS = 5 * 60_000;

export function checkStop(ctx: TransferContext, file: FileState): void {
  if (file.control.canceled) throw new CanceledError();
  if (ctx.signal?.aborted) throw new InterruptedError();
}

/** The error a part ends the file with, once the pacer gave up on it (or it was never worth a retry). */
function partFailure(error: unknown, range: PartRange, retries: number): Error {
  if (!(error instanceof PartUploadError)) return error as Error;
  if (isExpired(error.failure)) return new RecreateNeeded('the upload URLs expired');
  const prefix = retries > 0 ? `part ${range.index + 1} failed after ${retries + 1} attempts: ` : `part ${range.index + 1}: `;
  // A flaky network or a struggling server: the same asset can still be continued later (`ferry resume`).
  if (isTransientPartFailure(error.failure)) return new ResumableError(prefix + error.message, { cause: error });
  return new Error(prefix + error.message, { cause: error });
}

async function sendRange(ctx: TransferContext, file: FileState, source: FileSource, range: PartRange, fileSignal: AbortSignal): Promise<void> {
  const { control } = file;
  for (;;) {
    await control.waitWhilePaused(ctx.signal);
    checkStop(ctx, file);
    if (fileSignal.aborted) return; // another part of this file failed; its error is reported
    const linked = linkSignals([fileSignal, control.signal]);
    const { signal } = linked;
    // A part that is the whole file is read in order anyway: hash it on the way (decisions/0007), afresh per attempt.
    const wholeFile = range.start === 0 && range.end === file.size;
    const hashed: { by: StreamingHash | null } = { by: null }; // the last attempt's
    let retries = 0;
    // Room under the journal's staleness bound first: however starved the process, a kill -9 re-sends at most that many.
    const slot = await ctx.reservePart(file);
    try {
      await ctx.pacer.call(
        {
          bucket: null,
          budget: PART_RETRY_BUDGET,
          signal,
          classify: (error) => classifyPartError(error, range.url),
          onRetry: (verdict) => {
            retries++;
            file.retries++;
            file.progress.dropInFlight(range.index);
            if (verdict.retry === 'throttled' || (verdict.retry === 'offline' && verdict.ifReachable === 'throttled')) ctx.adaptive.throttled();
            ctx.report(file);
          },
          onOffline: (waiting) => {
            file.progress.dropInFlight(range.index);
            // Waiting for the network is not a failure: the file says so and resumes by itself. A file paused meanwhile stays paused.
            if (waiting && file.status === 'uploading') ctx.move(file, 'offline');
            if (!waiting && file.status === 'offline') ctx.move(file, control.paused ? 'paused' : 'uploading');
          },
        },
        () =>
          ctx.partLimiter.run(async () => {
            if (signal.aborted) throw new PartUploadError({ kind: 'aborted' });
            const attemptHash = (hashed.by = wholeFile ? await createXxHash64() : null);
            await source.assertUnchanged().catch((error: Error) => {
              throw new PartUploadError({ kind: 'source', message: error.message });
            });
            await ctx.putPart({
              url: range.url,
              contentType: file.contentType ?? 'application/octet-stream',
              path: file.path,
              start: range.start,
              end: range.end,
              ...(attemptHash ? { onChunk: (chunk: Uint8Array) => attemptHash.update(chunk) } : {}),
              signal,
              onProgress: (sent) => file.progress.sending(range.index, sent),
              ...(ctx.partIdleTimeoutMs ? { idleTimeoutMs: ctx.partIdleTimeoutMs } : {}),
            });
          }),
      );
      file.progress.acknowledge(range.index, range.size);
      file.partsDone.add(range.index);
      slot.acknowledged();
      if (hashed.by) file.xxHash = hashed.by.hex();
      ctx.adaptive.succeeded();
      ctx.persist(file);
      linked.dispose();
      return;
    } catch (error) {
      slot.release();
      file.progress.dropInFlight(range.index);
      linked.dispose();
      checkStop(ctx, file);
      if (control.paused || fileSignal.aborted) continue; // paused mid-part: not a failure, wait and resend
      throw partFailure(error, range, retries);
    }
  }
}

async function sendRemainingRanges(ctx: TransferContext, file: FileState, source: FileSource): Promise<void> {
  const ranges = planRanges(file.size, file.parts ?? []).filter((r) => !file.partsDone.has(r.index));
  const fileAbort = new AbortController();
  const linked = linkSignals([ctx.signal, fileAbort.signal]);
  const fileSignal = linked.signal;
  let next = 0;
  let firstError: unknown = null;
  const lane = async () => {
    while (next < ranges.length && !fileSignal.aborted) {
      const range = ranges[next++] as PartRange;
      try {
        await sendRange(ctx, file, source, range, fileSignal);
      } catch (error) {
        // The first failure stops the file's other parts: no point sending bytes for an asset that will not complete.
        firstError ??= error;
        fileAbort.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.partsPerFile, ranges.length) }, lane)).finally(() => linked.dispose());
  if (firstError) throw firstError;
  checkStop(ctx, file);
}

/** Deletes a placeholder that can never complete; says so in the error when that fails too. */
export async function discardPlaceholder(ctx: TransferContext, file: FileState, error: unknown): Promise<Error> {
  const reason = error instanceof Error ? error : new Error(String(error));
  const assetId = file.assetId;
  forgetAsset(file);
  ctx.persist(file);
  if (!assetId) return reason;
  try {
    await ctx.client.deleteAsset(assetId);
    return reason;
  } catch (deleteError) {
    const why = deleteError instanceof Error ? deleteError.message : String(deleteError);
    return new Error(`${reason.message} (and its incomplete asset ${assetId} could not be removed: ${why})`, { cause: reason });
  }
}

function urlsUsable(ctx: TransferContext, file: FileState): boolean {
  if (!file.assetId || !file.parts) return false;
  return file.urlsExpireAt === null || file.urlsExpireAt - URL_EXPIRY_MARGIN_MS > ctx.now();
}

async function createAsset(ctx: TransferContext, file: FileState, parentId: string): Promise<void> {
  ctx.move(file, 'creating');
  const target = await ctx.createLimiter.run(() => ctx.client.createFile(parentId, { name: file.remoteName, size: file.size, mediaType: ctx.mediaTypeFor(file.name) }));
  file.assetId = target.asset.id;
  file.contentType = target.contentType;
  file.parts = target.parts;
  file.urlsExpireAt = earliestExpiry(target.parts.map((p) => p.url));
  file.partsDone.clear();
  file.progress.restart();
  // Journaled within 250 ms. A crash before that leaves an incomplete placeholder the journal does not know: resume
  // finds it by name and size and removes it before creating the file again (remote-plan.removeOrphans).
  ctx.persist(file);
}

async function confirmed(ctx: TransferContext, file: FileState, parentId: string) {
  const confirmation = ctx.completions.wait(file.assetId as string, parentId);
  confirmation.catch(() => undefined); // when interrupted first, its later outcome is no one's business
  if (!ctx.signal) return confirmation;
  const signal = ctx.signal;
  // The listener leaves with the file: one left behind per file made every later addEventListener on the shared
  // signal slower (Node checks each for a duplicate), and kept every file's promise alive to the end of the batch.
  let onAbort = () => {};
  const interrupted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new InterruptedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  interrupted.catch(() => undefined);
  try {
    return await Promise.race([confirmation, interrupted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** `bytesSent` is called once every byte is acknowledged, before the confirmation: the caller can hand the file's
 * slot to the next file instead of holding it while Frame.io catches up (it was the small-file bottleneck). */
export async function transferFile(ctx: TransferContext, file: FileState, parentId: string, bytesSent: () => void = () => {}): Promise<void> {
  const source = new FileSource(file.path, { size: file.size, mtimeMs: file.mtimeMs });
  // A resumed file may have changed since its journaled placeholder was created (appended to, then kill -9): that
  // placeholder, planned for the old bytes, can never complete, so it goes here as it would mid-transfer.
  await source.assertUnchanged().catch(async (error: unknown) => {
    throw await discardPlaceholder(ctx, file, error);
  });
  const hashAbort = new AbortController();
  // Several parts go out of order: a second, sequential reader hashes alongside them (decisions/0007). A one-part
  // file is hashed from its part's own stream instead.
  let hashing: Promise<string | null> | null = null;
  const hashAlongside = () => {
    if (hashing || (file.parts?.length ?? 0) <= 1) return;
    hashing = xxHash64File(file.path, hashAbort.signal).then((hash) => (file.xxHash = hash), () => null);
  };
  try {
    for (let creation = 0; ; creation++) {
      checkStop(ctx, file);
      if (!urlsUsable(ctx, file)) {
        if (file.assetId) await discardPlaceholder(ctx, file, new Error('expired'));
        await createAsset(ctx, file, parentId);
      }
      ctx.move(file, file.control.paused ? 'paused' : 'uploading');
      hashAlongside();
      try {
        await sendRemainingRanges(ctx, file, source);
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
    ctx.move(file, 'confirming');
    bytesSent();
    checkStop(ctx, file);
    const asset = await confirmed(ctx, file, parentId);
    // A one-part file resumed after its part was acknowledged has not been read in this run: hash it now.
    const local = hashing ? await hashing : (file.xxHash ?? (file.xxHash = await xxHash64File(file.path, hashAbort.signal).catch(() => null)));
    if (local && asset.xxHash && asset.xxHash.toLowerCase() !== local) {
      throw new Error(`checksum mismatch: the local file's xxHash64 is ${local} but Frame.io reports ${asset.xxHash} for asset ${asset.id}`);
    }
    if (file.versionOf) await ctx.client.addVersion(file.versionOf, file.assetId as string);
  } finally {
    hashAbort.abort();
  }
}
