// Keeps one batch's journal file up to date: immediate writes for milestones, coalesced writes for progress (at
// most every JOURNAL_WRITE_INTERVAL_MS). Writes are group-committed: while one is running, every flush requested
// meanwhile shares the single next write, so 300 small files creating assets at once cost a handful of writes, not 600.
// The first write is a whole snapshot; later ones append only the files that changed (journal-log.ts), and the
// snapshot is written whole again only when the log has grown past it, so the bytes written stay proportional to
// the changes, not to changes × batch size.
import type { BatchHeader, BatchRecord, Journal, JournalFileRecord } from './journal';
import { JOURNAL_MAX_UNJOURNALED_PARTS, JournalLag, type PartSlot } from './journal-lag';

/** A part acknowledged but not yet written is re-sent on resume, which is safe (a re-PUT overwrites the part), so
 * this only trades a little re-sending for fewer writes. How many such parts there can be is bounded in parts, not
 * time (journal-lag.ts), since a starved process keeps no timer. */
export const JOURNAL_WRITE_INTERVAL_MS = 250;

/** The log is folded into a new snapshot once it is larger than this and than twice the snapshot. */
export const LOG_COMPACT_MIN_BYTES = 1 << 20;

/** What BatchJournal needs of a journal: a whole write, and (for writes that grow with the change only) appends. */
export type JournalWriter = Pick<Journal, 'dir'> & {
  write(batch: Omit<BatchRecord, 'files'> & { files: Iterable<JournalFileRecord> }): Promise<unknown>;
  append?: Journal['append'];
};

const headerOf = ({ files: _files, updatedAt: _updatedAt, ...header }: BatchRecord): Omit<BatchHeader, 'updatedAt'> => header;

export class BatchJournal {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;
  /** The bound on acknowledged work not yet journaled (journal-lag.ts). */
  readonly lag: JournalLag;
  /** Bytes in the snapshot and the log now; null until a whole snapshot was written (or after a failed write). */
  private snapshotBytes: number | null = null;
  private logBytes = 0;
  private lastHeader = '';
  private wholeNext = false;

  constructor(
    private readonly journal: JournalWriter,
    readonly record: BatchRecord,
    /** The batch's files as they stand now, read at each write. */
    private readonly files: () => Iterable<JournalFileRecord>,
    /** Told once, at the first write that fails: the upload goes on, but could not be resumed after a crash. */
    private readonly onFirstError: (error: Error) => void = () => {},
    maxUnjournaledParts = JOURNAL_MAX_UNJOURNALED_PARTS,
    /** The records of the files changed since it was last called (the batch forgets them as it answers). Without
     * it, every write is a whole snapshot. */
    private readonly changed?: () => JournalFileRecord[],
  ) {
    this.lag = new JournalLag(maxUnjournaledParts, () => this.flush());
  }

  /** Waits until one more part of this batch may start without passing the bound; see journal-lag.ts. */
  reservePart(): Promise<PartSlot> {
    return this.lag.reserve();
  }

  /** Resolves once a write that started after this call has finished: use before an action a crash must not lose. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    const next: Promise<void> = previous.then(async () => {
      this.queued = null; // later flushes must see the state after this snapshot: they queue the next write
      this.running = next;
      const written = this.lag.snapshot();
      try {
        await this.write();
      } catch (error) {
        this.snapshotBytes = null; // what that write held may be missing: the next one writes everything
        if (!this.failure) this.onFirstError(error as Error);
        this.failure = error as Error;
      } finally {
        // A failed write frees its parts too: the person was told the batch cannot be resumed, and the upload goes on.
        written();
        if (this.running === next) this.running = null;
      }
    });
    this.queued = next;
    return next;
  }

  private async write(): Promise<void> {
    const changed = this.changed?.() ?? [];
    const header = headerOf(this.record);
    const headerText = JSON.stringify(header);
    const { append } = this.journal;
    const whole = this.wholeNext;
    this.wholeNext = false;
    if (!whole && this.snapshotBytes !== null && append && this.logBytes <= Math.max(2 * this.snapshotBytes, LOG_COMPACT_MIN_BYTES)) {
      if (!changed.length && headerText === this.lastHeader) return;
      this.logBytes = await append.call(this.journal, this.record.id, headerText === this.lastHeader ? null : { ...header, updatedAt: this.record.updatedAt }, changed);
    } else {
      const bytes = await this.journal.write({ ...this.record, files: this.files() });
      this.snapshotBytes = typeof bytes === 'number' ? bytes : 0;
      this.logBytes = 0;
    }
    this.lastHeader = headerText;
  }

  /** Writes the whole batch into a new snapshot (at the end of a run: the journal file then reads complete alone).
   * A batch with nothing left (`finished`), whose journal is removed next, only has its log brought up to date: a
   * whole snapshot of a 100,000-file batch would be written only to be deleted. */
  settle(finished = false): Promise<void> {
    this.wholeNext = !finished;
    return this.flush();
  }

  /** Writes soon, at most every JOURNAL_WRITE_INTERVAL_MS. */
  touch(): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), JOURNAL_WRITE_INTERVAL_MS);
  }

  /** The last write error, if any. */
  get lastError(): Error | null {
    return this.failure;
  }
}
