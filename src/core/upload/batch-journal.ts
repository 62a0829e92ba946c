// Keeps one batch's journal file up to date: immediate writes for milestones, coalesced writes for progress (at
// most every JOURNAL_WRITE_INTERVAL_MS). Writes are group-committed: while one is running, every flush requested
// meanwhile shares the single next write, so 300 small files creating assets at once cost a handful of writes, not 600.
import type { BatchRecord, Journal, JournalFileRecord } from './journal';

/** A part acknowledged but not yet written is re-sent on resume, which is safe (a re-PUT overwrites the part), so
 * this only trades a little re-sending for fewer writes. */
export const JOURNAL_WRITE_INTERVAL_MS = 250;

export class BatchJournal {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly journal: Pick<Journal, 'write' | 'dir'>,
    readonly record: BatchRecord,
    /** The batch's files as they stand now, read at each write. */
    private readonly files: () => JournalFileRecord[],
    /** Told once, at the first write that fails: the upload goes on, but could not be resumed after a crash. */
    private readonly onFirstError: (error: Error) => void = () => {},
  ) {}

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
      try {
        await this.journal.write(this.record);
      } catch (error) {
        if (!this.failure) this.onFirstError(error as Error);
        this.failure = error as Error;
      } finally {
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
