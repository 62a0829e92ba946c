import type { RateLimitCategory, RateLimitRule } from '../options.js';

// Generous by default (1000 per second per category) so nothing trips by accident, while the headers clients
// read are always there. Real V2 limits are far lower (asset create 5/s, children 40/min: frameio-api.md).
const DEFAULT_RULE: RateLimitRule = { limit: 1000, windowMs: 1000 };

export interface RateVerdict {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterS: number;
}

/** Fixed window per (token, category). */
export class RateLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(private readonly rules: Partial<Record<RateLimitCategory, RateLimitRule>> = {}) {}

  rule(category: RateLimitCategory): RateLimitRule {
    return this.rules[category] ?? DEFAULT_RULE;
  }

  /** Counts one request and says whether it fits. `consume: false` only reports (e.g. for 401 answers). */
  take(key: string, category: RateLimitCategory, nowMs: number, consume = true): RateVerdict {
    const { limit, windowMs } = this.rule(category);
    const id = `${category}:${key}`;
    let w = this.windows.get(id);
    if (!w || nowMs - w.startMs >= windowMs) {
      w = { startMs: nowMs, count: 0 };
      this.windows.set(id, w);
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
}
