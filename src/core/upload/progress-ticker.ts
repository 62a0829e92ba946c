// Progress events while at least one batch runs. Batches overlap (a second drop while the first uploads, a retry,
// the batches resumed at launch), so the ticker counts them: a small batch finishing must not silence a big one.

export class ProgressTicker {
  private timer: NodeJS.Timeout | null = null;
  private running = 0;

  constructor(
    private readonly tick: () => void,
    private readonly intervalMs: number,
  ) {}

  /** A batch starts: ticks run until every batch started has called its returned `stop` (extra calls do nothing). */
  start(): () => void {
    this.running++;
    this.timer ??= setInterval(this.tick, this.intervalMs);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.running--;
      if (this.running === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }
}
