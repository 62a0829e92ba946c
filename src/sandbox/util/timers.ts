/**
 * At most one pending timer per key (a file whose completion is due), all dropped when `signal` aborts (close()):
 * they are not work close() waits for. What a dropped timer would have done is redone at the next start.
 */
export class KeyedTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => {
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
    }, { once: true });
  }

  /** Runs `fn` after `ms` unless a timer for `key` is already pending. */
  once(key: string, ms: number, fn: () => void): void {
    if (this.timers.has(key) || this.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      fn();
    }, ms);
    timer.unref();
    this.timers.set(key, timer);
  }
}
