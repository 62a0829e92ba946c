// The journal's staleness bound (review finding 10): how much acknowledged work a kill -9 can cost. The journal is
// written at most every JOURNAL_WRITE_INTERVAL_MS, so a crash loses the acknowledgements since the last finished
// write, and `ferry resume` sends those parts again. Under CPU starvation the timer and the write both run late, so
// time alone bounds nothing. This gate bounds it in parts instead: a batch's parts that are in flight, or
// acknowledged but not yet in a finished journal write, are at most `limit` at any moment. A part waits for room
// before its PUT starts (writing the journal at once when that frees room), so however slow the disk or the CPU,
// a crash re-sends at most `limit` acknowledged parts of a batch.

/** Parts of one batch in flight or acknowledged-but-unjournaled, at most (raised to 2 × the part cap when higher). */
export const JOURNAL_MAX_UNJOURNALED_PARTS = 16;

/** One part's place under the bound: `acknowledged` once S3 answered (it stays counted until journaled), `release`
 * when it ends any other way. Each may be called once; the first call wins. */
export interface PartSlot {
  acknowledged(): void;
  release(): void;
}

export const NO_SLOT: PartSlot = { acknowledged: () => undefined, release: () => undefined };

export class JournalLag {
  private open = 0;
  private unjournaled = 0;
  private waiters: Array<() => void> = [];

  constructor(
    readonly limit: number,
    /** Writes the journal now; resolves once a write that started after the call finished. */
    private readonly flush: () => Promise<void>,
  ) {}

  /** Acknowledged parts not yet in a finished journal write (what a kill -9 now would have resent). */
  get pending(): number {
    return this.unjournaled;
  }

  /** Waits for room under the bound, then holds a place for one part until it is journaled or released. */
  async reserve(): Promise<PartSlot> {
    while (this.open >= this.limit) {
      if (this.unjournaled > 0) await this.flush();
      else await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.open++;
    let settled = false;
    return {
      acknowledged: () => {
        if (settled) return;
        settled = true;
        this.unjournaled++;
        this.wake(); // a waiter can now free room by writing
      },
      release: () => {
        if (settled) return;
        settled = true;
        this.open--;
        this.wake();
      },
    };
  }

  /** Called by the journal writer as it snapshots the files: the acknowledgements counted so far are in this write. */
  snapshot(): () => void {
    const covered = this.unjournaled;
    this.unjournaled -= covered;
    return () => {
      this.open -= covered;
      this.wake();
    };
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
