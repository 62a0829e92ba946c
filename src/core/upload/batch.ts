// One batch: the files of one drop (or one journaled batch resumed), the folders they need, and their journal. Files
// that succeeded leave memory at once — only their journal record (no part URLs) stays, for the journal and the
// report; the others (in progress, failed, canceled) stay live, so they can be paused, resumed or retried as the
// same file. Several runs may go on at once (the first, and a retry of one of its failed files).
import { isInProgress, SUCCEEDED_STATUSES } from '../../shared/upload-status';
import { BatchJournal } from './batch-journal';
import type { FileState } from './file-state';
import { type BatchRecord, type Journal, type JournalFileRecord, recordOf } from './journal';
import { Limiter } from './limiter';

export class Batch {
  private readonly live = new Map<number, FileState>();
  /** Files that succeeded: only what the journal and the report need. */
  private readonly settled = new Map<number, { record: JournalFileRecord; ackedBytes: number }>();
  /** Files whose journal record changed since the last journal write. */
  private readonly changed = new Set<number>();
  private folderIds: Promise<Map<string, string>> | null = null;
  readonly journal: BatchJournal | null;
  /** Resumed files with no journaled asset id: a crash may have left an unrecorded placeholder behind. */
  readonly orphanChecks = new Set<number>();
  /** How many files of this batch run at once (their parts share the engine's global part cap). */
  readonly slots: Limiter;
  private runs = 0;

  constructor(
    readonly record: BatchRecord,
    files: readonly FileState[],
    /** Remote folders (paths under the target) the files need, parents included. */
    readonly folders: readonly string[],
    options: { journal: Journal | null; maxUnjournaledParts: number; fileSlots: number; onJournalError: (error: Error) => void },
  ) {
    for (const file of files) this.live.set(file.id, file);
    this.slots = new Limiter(options.fileSlots);
    this.journal = options.journal
      ? new BatchJournal(options.journal, record, () => this.records(), options.onJournalError, options.maxUnjournaledParts, () => this.takeChanged())
      : null;
  }

  get id(): string {
    return this.record.id;
  }

  liveFiles(): IterableIterator<FileState> {
    return this.live.values();
  }

  /** A file's journal record changed: the next journal write (soon) carries it. */
  touched(file: FileState): void {
    this.changed.add(file.id);
    this.journal?.touch();
  }

  /** The records of the files touched since the last call, which forgets them. */
  takeChanged(): JournalFileRecord[] {
    const out: JournalFileRecord[] = [];
    for (const id of this.changed) {
      const live = this.live.get(id);
      const record = live ? recordOf(live) : this.settled.get(id)?.record;
      if (record) out.push(record);
    }
    this.changed.clear();
    return out;
  }

  /** Every file's journal record, in the order they were enqueued. */
  records(): JournalFileRecord[] {
    const all = [...[...this.live.values()].map(recordOf), ...[...this.settled.values()].map((s) => s.record)];
    return all.sort((a, b) => a.id - b.id);
  }

  recordsOf(ids: readonly number[]): JournalFileRecord[] {
    return ids.map((id) => {
      const live = this.live.get(id);
      return live ? recordOf(live) : (this.settled.get(id)?.record as JournalFileRecord);
    });
  }

  ackedBytes(ids: readonly number[]): number {
    return ids.reduce((n, id) => n + (this.live.get(id)?.progress.acknowledgedBytes ?? this.settled.get(id)?.ackedBytes ?? 0), 0);
  }

  /** A file succeeded and was reported: it leaves memory, its journal record stays. */
  release(file: FileState): void {
    if (!SUCCEEDED_STATUSES.has(file.status) || !this.live.delete(file.id)) return;
    this.settled.set(file.id, { record: recordOf(file), ackedBytes: file.progress.acknowledgedBytes });
    this.touched(file);
  }

  /** Nothing left for a resume: every file succeeded or was canceled, and no run is going on. */
  get finished(): boolean {
    return this.runs === 0 && [...this.live.values()].every((f) => f.status === 'canceled');
  }

  /** Nothing of it needs memory any more (every file succeeded). */
  get empty(): boolean {
    return this.runs === 0 && this.live.size === 0;
  }

  get inProgress(): boolean {
    return [...this.live.values()].some((f) => isInProgress(f.status));
  }

  /** The remote folders, created (or reused) once per batch; a failed attempt is forgotten so a retry tries again. */
  remoteFolders(mirror: () => Promise<Map<string, string>>): Promise<Map<string, string>> {
    if (!this.folderIds) {
      const attempt = mirror();
      this.folderIds = attempt;
      attempt.then(
        (ids) => (this.record.folders = Object.fromEntries([...ids].filter(([path]) => path !== ''))),
        () => this.folderIds === attempt && (this.folderIds = null),
      );
    }
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
