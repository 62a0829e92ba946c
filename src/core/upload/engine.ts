// The engine façade the CLI and the desktop app talk to: enqueue a scanned drop into a folder (a handle comes back at
// once), resume a journaled batch, pause / resume / cancel / retry files by id, and listen to state changes
// (immediate) and progress (throttled). Every status change goes through `move` below: file-lifecycle's transition,
// then the listeners, then the journal. Everything it needs (client and pacer, clock, journal folder, part uploader)
// is passed in.
import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import { isOneFile, NEW_VERSION_NOT_ONE_FILE } from '../../shared/upload-rules';
import { isFinal, isInProgress, SUCCEEDED_STATUSES, UNSUCCESSFUL_STATUSES } from '../../shared/upload-status';
import { sleep as realSleep } from '../net/backoff';
import { AdaptiveConcurrency } from './adaptive-concurrency';
import { Batch, type BatchFiles } from './batch';
import { runFiles } from './batch-runner';
import { journaledFiles, scannedFiles } from './batch-sources';
import { batchReport, RunFiles, settleAfterBatchError } from './batch-outcome';
import { CompletionWatcher } from './completion-watcher';
import { type BatchHandle, type BatchReport, DEFAULT_CREATES_IN_FLIGHT, DEFAULT_PARTS_IN_FLIGHT, type EngineEvent, type EngineOptions, MAX_FILES_IN_FLIGHT_PER_BATCH, mediaTypeFor, PROGRESS_INTERVAL_MS, type UploadRequest } from './engine-types';
import { expiryWarnings } from './expiry-warnings';
import { restingStatus, transition } from './file-lifecycle';
import { FileProgress } from './file-progress';
import { type FileState, forgetAsset } from './file-state';
import { type BatchRecord, Journal, JOURNAL_VERSION, newBatchId } from './journal';
import { JOURNAL_MAX_UNJOURNALED_PARTS, NO_SLOT } from './journal-lag';
import { Limiter } from './limiter';
import { putPart } from './part-uploader';
import { ProgressTicker } from './progress-ticker';
import { DEFAULT_CONFLICT_POLICY, foldersFor, RemoteFolders, RemoteIndex } from './remote-plan';
import type { TransferContext } from './transfer-context';
export * from './engine-types';

export class UploadEngine {
  /** The batches with files in memory or still to run; each holds its files (batch.ts). */
  private readonly batches = new Map<string, Batch>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  /** Files that have started and not ended (not queued, not final): what a progress tick reports. A tick that walked
   * every file in memory cost O(batch) four times a second, and sent every queued file of a 100,000-file batch. */
  private readonly active = new Set<FileState>();
  private readonly ticker = new ProgressTicker(() => {
    if (this.active.size) this.emit({ type: 'progress', files: [...this.active] });
  }, PROGRESS_INTERVAL_MS);
  private readonly ctx: TransferContext;
  private readonly journal: Journal | null;
  private nextId = 0;

  constructor(private readonly options: EngineOptions) {
    const { client } = options;
    const ceiling = options.concurrency ?? DEFAULT_PARTS_IN_FLIGHT;
    const partLimiter = new Limiter(ceiling);
    const now = options.now ?? Date.now;
    if (options.requestToken) client.pacer.credentials.setRenewer(options.requestToken);
    client.pacer.network.onChange((online) => this.emit({ type: 'network', online }));
    if (options.signal) setMaxListeners(0, options.signal);
    this.journal = options.journalDir ? new Journal(options.journalDir) : null;
    const createLimiter = new Limiter(DEFAULT_CREATES_IN_FLIGHT);
    this.ctx = {
      client,
      pacer: client.pacer,
      partLimiter,
      adaptive: new AdaptiveConcurrency(partLimiter, ceiling, now),
      createLimiter,
      partsPerFile: ceiling,
      mediaTypeFor,
      completions: new CompletionWatcher(client, { sleep: options.sleep ?? realSleep, now, quiet: () => partLimiter.running + createLimiter.running === 0, ...(options.confirmTimeoutMs ? { timeoutMs: options.confirmTimeoutMs } : {}) }),
      putPart: options.putPart ?? putPart,
      now,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.partIdleTimeoutMs ? { partIdleTimeoutMs: options.partIdleTimeoutMs } : {}),
      move: (file, to, error = null) => this.move(file, to, error),
      report: (file) => {
        this.emit({ type: 'state', file });
        this.ctx.persist(file);
      },
      persist: (file) => this.batches.get(file.batchId)?.touched(file),
      reservePart: (file) => this.batches.get(file.batchId)?.journal?.reservePart() ?? Promise.resolve(NO_SLOT),
    };
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The files in memory — started and not succeeded (in progress, failed or canceled), or acted on by the person —
   * in the order they were enqueued. Files waiting for their turn are not in memory (see `file`). */
  get files(): FileState[] {
    const files: FileState[] = [];
    for (const batch of this.batches.values()) files.push(...batch.liveFiles());
    return files.sort((a, b) => a.id - b.id);
  }

  /** A file as it stands: the one in memory, or (waiting for its turn, or succeeded in a batch still going) a copy
   * made from its record, to read. */
  file(id: number): FileState | undefined {
    return this.batchOf(id)?.view(id);
  }

  private batchOf(id: number): Batch | undefined {
    return [...this.batches.values()].find((batch) => batch.has(id));
  }

  /** A hint from the OS (Electron's net.isOnline, wake from sleep). Online: files waiting for the network probe now
   * instead of after up to 10 s of backoff. Offline: nothing; parts in flight fail by themselves and the pacer makes
   * them wait without spending retries, while acting on a guess could only stop transfers that still get through. */
  networkChanged(online: boolean): void {
    if (online) this.options.client.pacer.network.recheckNow();
  }

  /** Pause files (all when no ids): parts in flight stop; acknowledged parts stay acknowledged. */
  pause(ids?: readonly number[]): void {
    for (const file of this.select(ids)) {
      file.control.pause();
      this.move(file, 'paused');
    }
  }

  resume(ids?: readonly number[]): void {
    for (const file of this.select(ids, false)) {
      if (file.status !== 'paused') continue;
      file.control.resume();
      this.move(file, restingStatus(file));
    }
  }

  /** Cancel files (all when no ids): their placeholders are removed once their run notices. */
  cancel(ids?: readonly number[]): void {
    for (const file of this.select(ids)) file.control.cancel();
  }

  /** The ids of one batch's files in memory or waiting for their turn (for pause / resume / cancel / retry of a
   * whole batch). */
  fileIdsOf(batchId: string): number[] {
    const batch = this.batches.get(batchId);
    return batch ? batch.ids().filter((id) => batch.liveFile(id) || batch.isPending(id)) : [];
  }

  /** Starts a batch; the handle's ids are there before any byte moves, its `done` settles when the run ends. */
  enqueue(request: UploadRequest): BatchHandle {
    if (request.versionOf && !isOneFile({ files: request.scan.files.length, folders: request.scan.folders.length })) throw new Error(NEW_VERSION_NOT_ONE_FILE);
    const record: BatchRecord = {
      version: JOURNAL_VERSION,
      id: newBatchId(),
      apiUrl: this.options.apiUrl,
      apiVersion: this.options.client.apiVersion,
      accountId: this.options.client.accountOf(request.versionOf?.parentId ?? request.targetFolderId),
      targetFolderId: request.versionOf?.parentId ?? request.targetFolderId,
      onConflict: request.onConflict ?? DEFAULT_CONFLICT_POLICY,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      folders: {},
      files: [],
    };
    // An explicit new version is decided already: no conflict policy applies to it.
    const intent = { onConflict: record.onConflict, versionOf: request.versionOf?.assetId ?? null, conflictResolved: Boolean(request.versionOf) };
    const local = request.scan.files;
    const files = scannedFiles(this.nextId, record.id, local, intent);
    this.nextId += local.length;
    for (const message of expiryWarnings(local, this.options.expectedBytesPerSec)) this.emit({ type: 'warning', message });
    const batch = this.open(record, files, request.scan.folders);
    const ids = batch.ids();
    const { problems, skippedJunk } = request.scan;
    const done = this.run(batch, ids).then((report) => ({ ...report, problems, skippedJunk }));
    this.emit({ type: 'batch', batchId: record.id, fileIds: ids });
    return { batchId: record.id, fileIds: ids, done };
  }

  upload(request: UploadRequest): Promise<BatchReport> {
    return this.enqueue(request).done;
  }

  /** Continues a journaled batch: only parts not yet acknowledged are sent; expired URLs mean a new asset. Files the
   * person had paused stay paused with `keepPaused` (the app resuming at launch: they continue on `resume(ids)`);
   * without it they upload too (`ferry resume`: asking to resume is asking for them). Failed files get another go. */
  resumeBatch(record: BatchRecord, options: { keepPaused?: boolean } = {}): BatchHandle {
    if (record.apiVersion !== this.options.client.apiVersion) throw new Error(`batch ${record.id} was uploaded through the ${record.apiVersion} API; resume it with a ${record.apiVersion} address`);
    const { accountId } = record;
    if (accountId) for (const id of [record.targetFolderId, ...Object.values(record.folders), ...record.files.flatMap((f) => (f.assetId ? [f.assetId] : []))]) this.options.client.placeInAccount(id, accountId);
    const files = journaledFiles(this.nextId, record.id, record.files, options.keepPaused === true);
    this.nextId += record.files.length;
    // Failed files get another go: every file but those that succeeded or were canceled runs.
    const runs = (r: { status: FileState['status'] }) => !SUCCEEDED_STATUSES.has(r.status) && r.status !== 'canceled';
    const open = record.files.filter(runs);
    const batch = this.open(record, files, foldersFor([...Object.keys(record.folders), ...open.map((f) => f.remoteDir)]));
    const ids = batch.ids();
    record.files.forEach((r, i) => {
      const id = files.first + i;
      if (SUCCEEDED_STATUSES.has(r.status)) return batch.settledBefore(i);
      // Canceled files, and files the person paused, are in memory from the start: they are acted on, not run.
      if (r.status === 'canceled' || (r.status === 'paused' && options.keepPaused)) batch.take(id);
      // No asset id journaled: a crash may have come between a create and the journal write that records it.
      if (runs(r) && !r.assetId) batch.orphanChecks.add(id);
    });
    const done = this.run(batch, ids.filter((_, i) => runs(record.files[i] as { status: FileState['status'] })));
    this.emit({ type: 'batch', batchId: record.id, fileIds: ids });
    return { batchId: record.id, fileIds: ids, done };
  }

  /** Tries failed or canceled files again (all of them when no ids): the same files, with the same intent (version
   * of, conflict choice, name), in the same batch and journal, each read afresh from disk. */
  async retry(ids?: readonly number[]): Promise<BatchReport[]> {
    const again = (ids ? ids.map((id) => this.batchOf(id)?.liveFile(id)) : this.files).filter((f): f is FileState => f !== undefined && UNSUCCESSFUL_STATUSES.has(f.status));
    const byBatch = new Map<Batch, FileState[]>();
    for (const file of again) {
      const batch = this.batches.get(file.batchId);
      if (batch) byBatch.set(batch, [...(byBatch.get(batch) ?? []), file]);
    }
    for (const file of again) await this.rearm(file);
    return Promise.all([...byBatch].map(([batch, files]) => this.run(batch, files.filter((f) => !isFinal(f.status)).map((f) => f.id))));
  }

  /** A failed or canceled file, ready to go again: read afresh (a file fixed since is uploaded as it is now). */
  private async rearm(file: FileState): Promise<void> {
    const now = await stat(file.path).catch((error: Error) => error);
    if (now instanceof Error) return this.move(file, 'failed', `${file.path} is no longer readable: ${now.message}`);
    if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
      const stale = file.assetId;
      forgetAsset(file); // its parts were planned for the old content
      if (stale) await this.options.client.deleteAsset(stale).catch(() => undefined);
      file.size = now.size;
      file.mtimeMs = now.mtimeMs;
      file.progress = new FileProgress(now.size);
    }
    file.control.reset();
    this.move(file, 'queued');
  }

  private open(record: BatchRecord, files: BatchFiles, folders: readonly string[]): Batch {
    const fileSlots = Math.max(this.ctx.partLimiter.limit, DEFAULT_CREATES_IN_FLIGHT) * 2;
    const batch = new Batch(record, files, folders, {
      journal: this.journal,
      maxUnjournaledParts: Math.max(JOURNAL_MAX_UNJOURNALED_PARTS, 2 * (this.options.concurrency ?? DEFAULT_PARTS_IN_FLIGHT)),
      fileSlots,
      filesInFlight: Math.max(MAX_FILES_IN_FLIGHT_PER_BATCH, 2 * fileSlots),
      onJournalError: (error) => this.emit({ type: 'warning', message: `cannot save upload progress in ${this.journal?.dir} (${error.message}): the upload continues, but could not be resumed after a crash` }),
    });
    this.batches.set(record.id, batch);
    return batch;
  }

  private async run(batch: Batch, ids: readonly number[]): Promise<BatchReport> {
    const startedAt = this.ctx.now();
    const ackedBefore = batch.ackedBytes(ids);
    const endRun = batch.startRun();
    const stopTicking = this.ticker.start();
    try {
      await batch.journal?.flush();
      const { client } = this.options;
      const index = new RemoteIndex(client);
      const folders = batch.remoteFolders(() => new RemoteFolders(client, index, batch.record.targetFolderId, this.ctx.createLimiter, batch.record.folders));
      if (batch.folders.length) await folders.target(); // an unreadable destination stops the batch before any file
      batch.record.accountId ??= client.accountOf(batch.record.targetFolderId); // found by now, where the API needs one
      await batch.journal?.flush();
      await runFiles(this.ctx, batch, ids, folders, index);
    } catch (error) {
      // Files must not stay 'queued' after a batch that could not start: each says why (failed, or interrupted).
      settleAfterBatchError(this.ctx, ids.flatMap((id) => batch.liveFile(id) ?? (batch.isPending(id) ? [batch.take(id)] : [])), error);
      throw error;
    } finally {
      stopTicking();
      endRun();
      await batch.journal?.settle(batch.finished);
      if (batch.finished) await this.forget(batch.id);
      if (batch.empty) this.batches.delete(batch.id);
    }
    return batchReport(batch.id, new RunFiles(ids, (id) => batch.recordOf(id)), batch.ackedBytes(ids) - ackedBefore, this.ctx.now() - startedAt);
  }

  /** A finished batch leaves the journal. Failing to remove its file loses nothing (resume finds every file done):
   * it is said, never thrown over a finished upload. */
  private async forget(batchId: string): Promise<void> {
    try {
      await this.journal?.remove(batchId);
    } catch (error) {
      this.emit({ type: 'warning', message: `could not remove the finished batch's journal file in ${this.journal?.dir} (${(error as Error).message})` });
    }
  }

  /** The one way a file's status changes: the lifecycle's transition, then the listeners, then the journal. A file
   * that succeeded then leaves memory (its batch keeps its journal record). */
  private move(file: FileState, to: FileState['status'], error: string | null = null): void {
    transition(file, to, error);
    if (isInProgress(to) && to !== 'queued') this.active.add(file);
    else this.active.delete(file);
    this.emit({ type: 'state', file });
    const batch = this.batches.get(file.batchId);
    batch?.touched(file);
    if (SUCCEEDED_STATUSES.has(to)) batch?.release(file);
  }

  /** A file waiting for its turn is made live when the person acts on it (all of them, for a whole-engine action),
   * unless `pending` is false (a file waiting for its turn is never paused: resuming it is nothing to do). */
  private select(ids?: readonly number[], pending = true): FileState[] {
    const take = (batch: Batch | undefined, id: number) => batch?.liveFile(id) ?? (pending && batch?.isPending(id) ? [batch.take(id)] : []);
    const files = ids ? ids.flatMap((id) => take(this.batchOf(id), id)) : [...this.batches.values()].flatMap((b) => [...b.liveFiles(), ...(pending ? b.takeAllPending() : [])]);
    return files.filter((f) => isInProgress(f.status));
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
