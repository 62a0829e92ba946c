// One batch: the files of one drop (or one journaled batch resumed), the folders they need, and their journal. Memory
// does not grow with the batch (issue 14 §5): a file gets its FileState only when its turn comes (or when the person
// pauses or cancels it first); until then it is its source — the scan's entry, or its journaled record. A file that
// succeeded leaves memory at once: settled-files.ts keeps, in columns, what the journal and the report still need.
// The others (in progress, failed, canceled) stay live, so they can be paused, resumed or retried as the same file.
// Several runs may go on at once (the first, and a retry of one of its failed files).
import { isInProgress, SUCCEEDED_STATUSES } from '../../shared/upload-status';
import { BatchJournal } from './batch-journal';
import type { FileState } from './file-state';
import { type BatchRecord, fileFromRecord, type Journal, type JournalFileRecord, recordOf } from './journal';
import { Limiter } from './limiter';
import type { RemoteFolders } from './remote-plan';
import { SettledFiles } from './settled-files';

/** A batch's files as ids first…first+count-1, each made a FileState only when needed. */
export interface BatchFiles {
  first: number;
  count: number;
  /** The file's record before it ever ran (the journal's view of a file not in memory). */
  source(index: number): JournalFileRecord;
  /** The file as a live FileState, as it starts its run. */
  create(index: number): FileState;
  /** The file succeeded: its source may let go of what only an unfinished file needs (part URLs). */
  settled?(index: number): void;
}

export class Batch {
  private readonly live = new Map<number, FileState>();
  private readonly settled: SettledFiles;
  /** Files whose journal record changed since the last journal write. */
  private readonly changed = new Set<number>();
  private folderIds: RemoteFolders | null = null;
  readonly journal: BatchJournal | null;
  /** Resumed files with no journaled asset id: a crash may have left an unrecorded placeholder behind. */
  readonly orphanChecks = new Set<number>();
  /** How many files of this batch run at once (their parts share the engine's global part cap). */
  readonly slots: Limiter;
  /** How many of its files may be in memory and running at once: the slots, and the files past their bytes that
   * wait for Frame.io's confirmation (the look-ahead that keeps the slots busy). */
  readonly inFlight: Limiter;
  private runs = 0;

  constructor(
    readonly record: BatchRecord,
    readonly files: BatchFiles,
    /** Remote folders (paths under the target) the files need, parents included. */
    readonly folders: readonly string[],
    options: { journal: Journal | null; maxUnjournaledParts: number; fileSlots: number; filesInFlight: number; onJournalError: (error: Error) => void },
  ) {
    this.settled = new SettledFiles(files.count);
    this.slots = new Limiter(options.fileSlots);
    this.inFlight = new Limiter(options.filesInFlight);
    this.journal = options.journal
      ? new BatchJournal(options.journal, record, () => this.records(), options.onJournalError, options.maxUnjournaledParts, () => this.takeChanged())
      : null;
  }

  get id(): string {
    return this.record.id;
  }

  has(id: number): boolean {
    return id >= this.files.first && id < this.files.first + this.files.count;
  }

  /** Every file id of the batch, in the order they were enqueued. */
  ids(): number[] {
    return Array.from({ length: this.files.count }, (_, i) => this.files.first + i);
  }

  liveFiles(): IterableIterator<FileState> {
    return this.live.values();
  }

  liveFile(id: number): FileState | undefined {
    return this.live.get(id);
  }

  /** Not in memory and not finished: its turn has not come. */
  isPending(id: number): boolean {
    return this.has(id) && !this.live.has(id) && !this.settled.has(id - this.files.first);
  }

  /** The file as it stands, to read: the live one, or a FileState made from its record (not kept). */
  view(id: number): FileState | undefined {
    const live = this.live.get(id);
    if (live || !this.has(id)) return live;
    const index = id - this.files.first;
    if (!this.settled.has(index)) return this.files.create(index);
    const record = this.recordAt(index);
    return fileFromRecord(record, this.id, id, record.status, record.error);
  }

  /** The file's turn came (or the person acts on it): it is in memory until it succeeds. */
  take(id: number): FileState {
    const live = this.live.get(id);
    if (live) return live;
    const file = this.files.create(id - this.files.first);
    this.live.set(id, file);
    return file;
  }

  /** Makes every file still waiting for its turn live (the person paused or canceled the whole batch). */
  takeAllPending(): FileState[] {
    return this.ids().filter((id) => this.isPending(id)).map((id) => this.take(id));
  }

  /** A file's journal record changed: the next journal write (soon) carries it. */
  touched(file: FileState): void {
    this.changed.add(file.id);
    this.journal?.touch();
  }

  /** The records of the files touched since the last call, which forgets them. */
  takeChanged(): JournalFileRecord[] {
    const out = [...this.changed].map((id) => this.recordOf(id));
    this.changed.clear();
    return out;
  }

  private recordAt(index: number): JournalFileRecord {
    const live = this.live.get(this.files.first + index);
    if (live) return recordOf(live);
    const source = this.files.source(index);
    return this.settled.has(index) ? this.settled.record(index, source) : source;
  }

  recordOf(id: number): JournalFileRecord {
    return this.recordAt(id - this.files.first);
  }

  /** Every file's journal record, in the order they were enqueued, one at a time (a snapshot writes them as they come). */
  *records(): Generator<JournalFileRecord> {
    for (let i = 0; i < this.files.count; i++) yield this.recordAt(i);
  }

  ackedBytes(ids: readonly number[]): number {
    let total = 0;
    for (const id of ids) {
      const index = id - this.files.first;
      const live = this.live.get(id);
      if (live) total += live.progress.acknowledgedBytes;
      else if (this.settled.has(index)) total += this.settled.ackedBytes(index);
    }
    return total;
  }

  /** A file succeeded and was reported: it leaves memory, its journal record stays (in columns). */
  release(file: FileState): void {
    if (!SUCCEEDED_STATUSES.has(file.status) || !this.live.delete(file.id)) return;
    const index = file.id - this.files.first;
    this.settled.settle(index, recordOf(file), this.files.source(index), file.progress.acknowledgedBytes);
    this.files.settled?.(index);
    this.touched(file);
  }

  /** A resumed batch's file that succeeded in an earlier run: settled without ever being made live. */
  settledBefore(index: number): void {
    const source = this.files.source(index);
    this.settled.settle(index, source, source, 0);
  }

  private get pendingCount(): number {
    return this.files.count - this.settled.size - this.live.size;
  }

  /** Nothing left for a resume: every file succeeded or was canceled, and no run is going on. */
  get finished(): boolean {
    return this.runs === 0 && this.pendingCount === 0 && [...this.live.values()].every((f) => f.status === 'canceled');
  }

  /** Nothing of it needs memory any more (every file succeeded). */
  get empty(): boolean {
    return this.runs === 0 && this.live.size === 0 && this.pendingCount === 0;
  }

  get inProgress(): boolean {
    return this.pendingCount > 0 || [...this.live.values()].some((f) => isInProgress(f.status));
  }

  /** The remote folders, created (or reused) once per batch; a folder that failed is tried again by the next run. */
  remoteFolders(make: () => RemoteFolders): RemoteFolders {
    if (!this.folderIds) {
      this.folderIds = make();
      // The journal keeps each folder found or made, so a resumed batch does not look for it again.
      this.folderIds.onFound = (path, id) => (this.record.folders[path] = id);
    }
    this.folderIds.forgetFailures();
    return this.folderIds;
  }

  /** Marks a run of some of its files; the returned function ends it. */
  startRun(): () => void {
    this.runs++;
    let ended = false;
    return () => {
      if (!ended) this.runs--;
      ended = true;
    };
  }
}
