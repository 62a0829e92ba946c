// The engine façade the CLI and (later) the desktop app's IPC talk to: enqueue a scanned drop into a folder, or
// resume a journaled batch; pause / resume / cancel files; listen to state changes (immediate) and progress
// (throttled). Everything it needs (client, clock, journal folder, probes) is passed in.
import { setMaxListeners } from 'node:events';
import { AdaptiveConcurrency } from './adaptive-concurrency';
import { AuthGate } from './auth-gate';
import { batchReport, leaveUnfinished, leavesUnfinished, settleAfterBatchError } from './batch-outcome';
import { CompletionWatcher } from './completion-watcher';
import { FileControl } from './file-control';
import {
  type BatchReport,
  DEFAULT_CREATES_IN_FLIGHT,
  DEFAULT_PARTS_IN_FLIGHT,
  type EngineEvent,
  type EngineOptions,
  mediaTypeFor,
  newFileState,
  PROGRESS_INTERVAL_MS,
  type UploadRequest,
} from './engine-types';
import { expiryWarnings } from './expiry-warnings';
import { DONE_STATUSES, FINAL_STATUSES, type FileState } from './file-state';
import { CanceledError, discardPlaceholder, InterruptedError, transferFile, type TransferContext } from './file-transfer';
import { type BatchRecord, BatchJournal, type ConflictPolicy, Journal, JOURNAL_VERSION, newBatchId, stateOf } from './journal';
import { Limiter } from './limiter';
import { NetworkGate } from './network-gate';
import { ProgressTicker } from './progress-ticker';
import { DEFAULT_CONFLICT_POLICY, foldersFor, mirrorFolders, RemoteIndex, removeOrphans, resolveConflict } from './remote-plan';
import { rescanForRetry } from './scan';

export * from './engine-types';

export class UploadEngine {
  readonly files: FileState[] = [];
  private readonly controls = new Map<number, FileControl>();
  /** Batch id → the ids of its files, so a whole batch can be paused, resumed or canceled. */
  private readonly batches = new Map<string, number[]>();
  /** File id → the folder its batch uploads into, so a failed file can be retried into the same place. */
  private readonly targets = new Map<number, string>();
  /** Resumed files with no journaled asset id: a crash may have left an unrecorded placeholder behind. */
  private readonly maybeOrphaned = new Set<number>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  /** Files the person paused: an interruption or a restart keeps them paused (see resumeBatch's keepPaused). */
  private readonly pausedByUser = new Set<number>();
  /** File id → "journal this file's batch soon", while its batch runs (so a pause is journaled even before a crash). */
  private readonly journalSoon = new Map<number, () => void>();
  private readonly ticker = new ProgressTicker(() => {
    const active = this.files.filter((f) => !FINAL_STATUSES.has(f.status));
    if (active.length) this.emit({ type: 'progress', files: active });
  }, PROGRESS_INTERVAL_MS);
  private readonly ctx: TransferContext;
  private readonly journal: Journal | null;
  private readonly network: NetworkGate;
  private nextId = 0;

  constructor(private readonly options: EngineOptions) {
    const ceiling = options.concurrency ?? DEFAULT_PARTS_IN_FLIGHT;
    const partLimiter = new Limiter(ceiling);
    const network = (this.network = new NetworkGate(options.probe, options.sleep));
    network.onChange((online) => this.emit({ type: 'network', online }));
    if (options.signal) setMaxListeners(0, options.signal);
    // An interruption must end paused files too (they wait for a resume that would never come), so every batch
    // reaches its final journal write: they stop at once as interrupted, their place kept for the next resume.
    options.signal?.addEventListener('abort', () => this.controls.forEach((control) => control.resume()), { once: true });
    this.journal = options.journalDir ? new Journal(options.journalDir) : null;
    const auth = new AuthGate(options.requestToken ?? null, (token) => options.client.setToken(token));
    this.ctx = {
      client: options.client,
      partLimiter,
      adaptive: new AdaptiveConcurrency(partLimiter, ceiling, options.now),
      createLimiter: new Limiter(DEFAULT_CREATES_IN_FLIGHT),
      partsPerFile: ceiling,
      mediaTypeFor,
      auth,
      completions: new CompletionWatcher(options.client, (operation) => auth.call(operation), {
        ...(options.confirmTimeoutMs ? { timeoutMs: options.confirmTimeoutMs } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.now ? { now: options.now } : {}),
      }),
      network,
      onChange: (file) => this.emit({ type: 'state', file }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.partIdleTimeoutMs ? { partIdleTimeoutMs: options.partIdleTimeoutMs } : {}),
    };
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A hint from the OS (Electron's net.isOnline, wake from sleep). Online: files waiting for the network probe now
   * instead of after up to 10 s of backoff. Offline: nothing; parts in flight fail by themselves and the network gate
   * takes over without spending retries, while acting on a guess could only stop transfers that still get through. */
  networkChanged(online: boolean): void {
    if (online) this.network.recheckNow();
  }

  /** Pause files (all when no ids): parts in flight stop; acknowledged parts stay acknowledged. */
  pause(ids?: readonly number[]): void {
    for (const file of this.select(ids)) {
      this.controls.get(file.id)?.pause();
      this.pausedByUser.add(file.id);
      file.status = 'paused';
      this.emit({ type: 'state', file });
      this.journalSoon.get(file.id)?.();
    }
  }

  resume(ids?: readonly number[]): void {
    for (const file of this.select(ids)) {
      if (file.status !== 'paused') continue;
      this.controls.get(file.id)?.resume();
      this.pausedByUser.delete(file.id);
      file.status = file.assetId ? 'uploading' : 'queued';
      this.emit({ type: 'state', file });
      this.journalSoon.get(file.id)?.();
    }
  }

  /** Cancel files (all when no ids): their placeholders are removed. */
  cancel(ids?: readonly number[]): void {
    for (const file of this.select(ids)) this.controls.get(file.id)?.cancel();
  }

  /** The file ids of one batch (for pause / resume / cancel of a whole batch). */
  fileIdsOf(batchId: string): number[] {
    return [...(this.batches.get(batchId) ?? [])];
  }

  /** Tries failed or canceled files again (all of them when no ids), each into the folder it was meant for, as a
   * new batch: the old rows stay as they were, the new ones carry the retry. Folders are reused, and a file that
   * meanwhile arrived is skipped. Resolves when the retry batches finish. */
  async retry(ids?: readonly number[]): Promise<BatchReport[]> {
    const wanted = ids ? new Set(ids) : null;
    const again = this.files.filter((f) => (!wanted || wanted.has(f.id)) && (f.status === 'failed' || f.status === 'canceled'));
    const byTarget = new Map<string, FileState[]>();
    for (const f of again) {
      const target = this.targets.get(f.id);
      if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), f]);
    }
    const reports: BatchReport[] = [];
    for (const [targetFolderId, files] of byTarget) {
      reports.push(await this.upload({ scan: await rescanForRetry(files), targetFolderId, onConflict: 'skip' }));
    }
    return reports;
  }

  private select(ids?: readonly number[]): FileState[] {
    const wanted = ids ? new Set(ids) : null;
    return this.files.filter((f) => (!wanted || wanted.has(f.id)) && !FINAL_STATUSES.has(f.status));
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async upload(request: UploadRequest): Promise<BatchReport> {
    const files = request.scan.files.map((f) => newFileState(this.nextId++, f));
    const record: BatchRecord = {
      version: JOURNAL_VERSION,
      id: newBatchId(),
      apiUrl: this.options.apiUrl,
      targetFolderId: request.versionOf?.parentId ?? request.targetFolderId,
      onConflict: request.onConflict ?? DEFAULT_CONFLICT_POLICY,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      folders: {},
      files: [],
    };
    if (request.versionOf) for (const f of files) f.versionOf = request.versionOf.assetId;
    this.warnAboutExpiry(files);
    const report = await this.run(record, files, request.scan.folders, Boolean(request.versionOf));
    return { ...report, problems: request.scan.problems, skippedJunk: request.scan.skippedJunk };
  }

  /** Continues a journaled batch: only parts not yet acknowledged are sent; expired URLs mean a new asset. Files the
   * person had paused stay paused with `keepPaused` (the app resuming at launch: they continue on `resume(ids)`);
   * without it they upload too (`ferry resume`: asking to resume is asking for them). */
  async resumeBatch(record: BatchRecord, options: { keepPaused?: boolean } = {}): Promise<BatchReport> {
    const files = record.files.map((r) => ({ ...stateOf(r), id: this.nextId++ }));
    for (const f of files) {
      // No asset id journaled: a crash may have come between a create and the journal write that records it.
      if (!f.assetId && !DONE_STATUSES.has(f.status)) this.maybeOrphaned.add(f.id);
      if (DONE_STATUSES.has(f.status)) continue;
      // Everything not done is tried again: unfinished files continue their asset; failed ones get another go (a file
      // that changed, or a bug like a bad signature, fails again with the same clear message).
      const keep = f.status === 'paused' && options.keepPaused === true;
      if (keep) this.pausedByUser.add(f.id);
      f.status = keep ? 'paused' : f.assetId ? 'uploading' : 'queued';
      f.error = null;
    }
    const folders = foldersFor([...Object.keys(record.folders), ...files.filter((f) => !DONE_STATUSES.has(f.status)).map((f) => f.remoteDir)]);
    return this.run(record, files, folders, true);
  }

  /** A file that takes longer than its URLs live cannot finish as one asset: say so before any byte moves. */
  private warnAboutExpiry(files: readonly FileState[]): void {
    for (const message of expiryWarnings(files, this.options.expectedBytesPerSec)) this.emit({ type: 'warning', message });
  }

  private async run(record: BatchRecord, files: FileState[], folders: readonly string[], conflictsResolved: boolean): Promise<BatchReport> {
    this.files.push(...files);
    this.batches.set(record.id, files.map((f) => f.id));
    for (const f of files) this.targets.set(f.id, record.targetFolderId);
    this.emit({ type: 'batch', batchId: record.id, fileIds: files.map((f) => f.id) });
    const startedAt = Date.now();
    const ackedBefore = files.reduce((n, f) => n + f.progress.acknowledgedBytes, 0);
    const journal = this.journal
      ? new BatchJournal(this.journal, record, () => files, (error) =>
          this.emit({ type: 'warning', message: `cannot save upload progress in ${this.journal?.dir} (${error.message}): the upload continues, but could not be resumed after a crash` }),
        )
      : null;
    // Each batch its own journal: overlapping batches must not write their progress into one another's.
    const ctx: TransferContext = { ...this.ctx, persist: () => journal?.touch() };
    for (const f of files) this.journalSoon.set(f.id, ctx.persist as () => void);
    const stopTicking = this.ticker.start();
    try {
      await journal?.flush();
      const index = new RemoteIndex(this.options.client);
      const folderIds = await ctx.auth!.call(() =>
        mirrorFolders(this.options.client, index, record.targetFolderId, folders, this.ctx.createLimiter, record.folders),
      );
      record.folders = Object.fromEntries([...folderIds].filter(([k]) => k !== ''));
      await journal?.flush();
      const fileLimiter = new Limiter(Math.max(this.ctx.partLimiter.limit, DEFAULT_CREATES_IN_FLIGHT) * 2);
      await Promise.all(
        files.map((file) =>
          FINAL_STATUSES.has(file.status) ? Promise.resolve() : this.runFile(ctx, file, folderIds, index, record.onConflict, conflictsResolved, fileLimiter),
        ),
      );
    } catch (error) {
      // Files must not stay 'queued' forever after a batch that could not start: they fail, unless interrupted.
      const aborted = this.ctx.signal?.aborted === true;
      for (const file of settleAfterBatchError(files, error, aborted, (f) => this.pausedByUser.has(f.id))) {
        if (FINAL_STATUSES.has(file.status)) this.pausedByUser.delete(file.id);
        this.emit({ type: 'state', file });
      }
      throw error;
    } finally {
      stopTicking();
      for (const f of files) this.journalSoon.delete(f.id);
      await journal?.flush();
    }
    const anythingLeft = files.some((f) => !DONE_STATUSES.has(f.status));
    if (journal && this.journal && !anythingLeft) await this.journal.remove(record.id);
    return batchReport(record.id, files, ackedBefore, startedAt);
  }

  private async runFile(ctx: TransferContext, file: FileState, folderIds: Map<string, string>, index: RemoteIndex, policy: ConflictPolicy, conflictsResolved: boolean, slots: Limiter) {
    const control = new FileControl();
    this.controls.set(file.id, control);
    if (file.status === 'paused' && !ctx.signal?.aborted) control.pause();
    // A paused file waits without holding one of the batch's file slots: files behind it are not held up.
    await control.waitWhilePaused();
    const releaseSlot = await slots.acquireSlot();
    try {
      await control.waitWhilePaused();
      if (control.canceled) throw new CanceledError();
      if (ctx.signal?.aborted) throw new InterruptedError();
      const parentId = folderIds.get(file.remoteDir);
      if (!parentId) throw new Error(`internal: no remote folder for ${file.remoteDir}`);
      if (!conflictsResolved && !file.assetId) {
        const decision = await ctx.auth!.call(() => resolveConflict(index, parentId, file.name, file.size, policy));
        if (decision.action === 'skip') {
          file.status = 'skipped';
          file.assetId = decision.existing.id;
          file.error = null;
          return;
        }
        file.remoteName = decision.remoteName;
        file.versionOf ??= decision.versionOf;
      }
      if (this.maybeOrphaned.delete(file.id)) await removeOrphans(this.options.client, index, parentId, file, (call) => ctx.auth!.call(call));
      await transferFile(ctx, file, parentId, control, releaseSlot);
      file.status = 'completed';
      file.error = null;
    } catch (error) {
      if (error instanceof CanceledError) {
        const reported = await discardPlaceholder(ctx, file, error);
        file.status = 'canceled';
        file.error = reported === error ? null : reported.message;
      } else if (leavesUnfinished(error)) {
        // Not the file's fault: it stays unfinished (journaled) for `ferry resume`; a paused file stays paused.
        leaveUnfinished(file, error, this.pausedByUser.has(file.id));
      } else {
        // A ResumableError keeps its asset id (and the journal) so `ferry resume` continues it; a confirm timeout
        // keeps it too, so the report says which asset to check instead of inviting a blind re-upload.
        file.status = 'failed';
        file.error = (error as Error).message;
      }
      if (FINAL_STATUSES.has(file.status)) this.pausedByUser.delete(file.id);
    } finally {
      releaseSlot();
      this.controls.delete(file.id);
      this.emit({ type: 'state', file });
      ctx.persist?.();
    }
  }
}

