// A FIFO counting semaphore: at most `max` tasks run at once; waiters are served in arrival order, so parts of
// several files interleave instead of one big file holding every slot. `max` can change while running (the
// adaptive concurrency lowers it after throttling): lowering takes effect as running tasks finish.

export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private max: number) {
    Limiter.check(max);
  }

  private static check(max: number): void {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`limit must be a positive integer, got ${max}`);
  }

  get running(): number {
    return this.active;
  }

  get limit(): number {
    return this.max;
  }

  setLimit(max: number): void {
    Limiter.check(max);
    this.max = max;
    while (this.active < this.max && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()?.();
    }
  }

  /** Takes a slot; the returned function gives it back (calling it again does nothing). */
  async acquireSlot(): Promise<() => void> {
    await this.acquire();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    if (this.active <= this.max) {
      const next = this.waiting.shift();
      if (next) return next(); // the slot passes straight to the next waiter
    }
    this.active--;
  }
}
