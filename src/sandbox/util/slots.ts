/**
 * At most `size` holders at once; the rest wait in order. A freed slot passes straight to the next waiter. A waiter
 * whose signal aborts (the sandbox closing) leaves the queue with nothing.
 */
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** How many hold a slot now (tests). */
  get holders(): number {
    return this.active;
  }

  /** Resolves with the function that frees the slot, or undefined when `signal` aborted first. */
  take(signal: AbortSignal): Promise<(() => void) | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    if (this.active < this.size) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        signal.removeEventListener('abort', abort);
        resolve(this.releaser());
      };
      const abort = (): void => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        resolve(undefined);
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', abort, { once: true });
    });
  }

  private releaser(): () => void {
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}
