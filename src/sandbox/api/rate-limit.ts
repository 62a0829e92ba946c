import type { RateLimitCategory, RateLimitRule } from '../options.js';

// Generous by default (1000 per second per category) so nothing trips by accident, while the headers clients
// read are always there. Real V2 limits are far lower (asset create 5/s, children 40/min: frameio-api.md).
const DEFAULT_RULE: RateLimitRule = { limit: 1000, windowMs: 1000 };

export interface RateVerdict {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterS: number;
}

// Ended windows are swept at most this often, so a window is kept at most its own length plus this.
const SWEEP_EVERY_MS = 1000;

/**
 * Fixed window per (key, category). Only counted requests keep a window, and ended windows are swept, so memory
 * follows the keys seen in the last window, never every key ever seen (a client trying random tokens gets nothing
 * kept: "Trust under fire", finding 3).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly rules: Partial<Record<RateLimitCategory, RateLimitRule>> = {}) {}

  /** How many windows are kept (tests: state a client can grow must stay bounded). */
  get size(): number {
    return this.windows.size;
  }

  rule(category: RateLimitCategory): RateLimitRule {
    return this.rules[category] ?? DEFAULT_RULE;
  }

  /**
   * Counts one request and says whether it fits. `consume: false` only reports (e.g. for 401 answers) and keeps
   * nothing: the key's current window if it has one, else a fresh one that is not stored.
   */
  take(key: string, category: RateLimitCategory, nowMs: number, consume = true): RateVerdict {
    const { limit, windowMs } = this.rule(category);
    this.sweep(nowMs);
    const id = `${category}:${key}`;
    let w = this.windows.get(id);
    if (!w || nowMs - w.startMs >= windowMs) {
      w = { startMs: nowMs, count: 0 };
      if (consume) this.windows.set(id, w);
      else this.windows.delete(id);
    }
    const allowed = w.count < limit;
    if (allowed && consume) w.count += 1;
    const remaining = Math.max(0, limit - w.count);
    return {
      allowed,
      retryAfterS: Math.max(1, Math.ceil((w.startMs + windowMs - nowMs) / 1000)),
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-window': String(windowMs),
      },
    };
  }

  private sweep(nowMs: number): void {
    // Math.abs: a clock set back must not stop sweeping until it catches up.
    if (Math.abs(nowMs - this.lastSweepMs) < SWEEP_EVERY_MS) return;
    this.lastSweepMs = nowMs;
    for (const [id, w] of this.windows) {
      const category = id.slice(0, id.indexOf(':')) as RateLimitCategory;
      if (nowMs - w.startMs >= this.rule(category).windowMs) this.windows.delete(id);
    }
  }
}
