// Keeps one batch's journal file up to date: immediate writes for milestones, coalesced writes for progress (at
// most every JOURNAL_WRITE_INTERVAL_MS). Writes are group-committed: while one is running, every flush requested
// meanwhile shares the single next write, so 300 small files creating assets at once cost a handful of writes, not 600.
import type { BatchRecord, Journal, JournalFileRecord } from './journal';
import { JOURNAL_MAX_UNJOURNALED_PARTS, JournalLag, type PartSlot } from './journal-lag';

/** A part acknowledged but not yet written is re-sent on resume, which is safe (a re-PUT overwrites the part), so
 * this only trades a little re-sending for fewer writes. How many such parts there can be is bounded in parts, not
 * time (journal-lag.ts), since a starved process keeps no timer. */
export const JOURNAL_WRITE_INTERVAL_MS = 250;

export class BatchJournal {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;
  /** The bound on acknowledged work not yet journaled (journal-lag.ts). */
  readonly lag: JournalLag;

  constructor(
    private readonly journal: Pick<Journal, 'write' | 'dir'>,
    readonly record: BatchRecord,
    /** The batch's files as they stand now, read at each write. */
    private readonly files: () => JournalFileRecord[],
    /** Told once, at the first write that fails: the upload goes on, but could not be resumed after a crash. */
    private readonly onFirstError: (error: Error) => void = () => {},
    maxUnjournaledParts = JOURNAL_MAX_UNJOURNALED_PARTS,
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
      this.record.files = this.files();
      const written = this.lag.snapshot();
      try {
        await this.journal.write(this.record);
      } catch (error) {
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

  /** Writes soon, at most every JOURNAL_WRITE_INTERVAL_MS. */
  touch(): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), JOURNAL_WRITE_INTERVAL_MS);
  }

  /** The last write error, if any. */
  get lastError(): Error | null {
    return this.failure;
  }
}
