// Additive increase, multiplicative decrease (TCP's answer to the same problem) on the parts-in-flight limit:
// halve it when the server says "slow down" (429, 503 SlowDown, timeouts), add one back after a run of successes.
import type { Limiter } from './limiter';

/** At most one decrease per this interval: one burst of 503s is one signal, not ten. */
export const DECREASE_COOLDOWN_MS = 2_000;

export class AdaptiveConcurrency {
  private successes = 0;
  private lastDecrease = -Infinity;

  constructor(
    private readonly limiter: Limiter,
    private readonly ceiling: number,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): number {
    return this.limiter.limit;
  }

  throttled(): void {
    const t = this.now();
    this.successes = 0;
    if (t - this.lastDecrease < DECREASE_COOLDOWN_MS) return;
    this.lastDecrease = t;
    this.limiter.setLimit(Math.max(1, Math.floor(this.limiter.limit / 2)));
  }

  succeeded(): void {
    if (this.limiter.limit >= this.ceiling) return;
    // One step up per "window" of successes at the current level.
    if (++this.successes >= this.limiter.limit) {
      this.successes = 0;
      this.limiter.setLimit(this.limiter.limit + 1);
    }
  }
}
