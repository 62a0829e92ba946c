// One published rate limit, as a token bucket fed by the server's own `x-ratelimit-*` headers (frameio-api.md: every
// response carries limit, remaining and the window in ms; V2 is a leaky bucket per user and operation, V4 publishes
// one limit per operation). Before a call the pacer asks how long to wait; a call that may go takes a token at once,
// so calls still in flight count before the server has answered them. The server's `remaining` can only lower our
// estimate (ours already counts calls it has not seen yet); time refills it at limit / window.

export interface RateHeaders {
  limit: number | null;
  remaining: number | null;
  windowMs: number | null;
}

function headerNumber(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

export function readRateHeaders(headers: Record<string, string | string[] | undefined>): RateHeaders {
  return {
    limit: headerNumber(headers['x-ratelimit-limit']),
    remaining: headerNumber(headers['x-ratelimit-remaining']),
    windowMs: headerNumber(headers['x-ratelimit-window']),
  };
}

/** We refill at this share of the published rate: a server that counts fixed windows sees our calls arrive with a
 * little jitter (latency varies by a few ms per call), and pacing at exactly the limit would put a sixth call of a
 * "5 per second" into some windows. 5 % under the limit costs 5 % of the ceiling and no 429s. */
export const PACE_SHARE = 0.95;
/** A published limit never holds one call longer than this: a server claiming "1 call a day" gets asked again, and a
 * 429 answers it (the pacer's backoff and budget take over). */
export const MAX_PACE_WAIT_MS = 120_000;

/**
 * How many calls may go at once after a quiet spell. A full window's worth (the limit) is too many: a server counting
 * fixed windows (Frame.io's sandbox does) sees that burst and the paced calls after it in one window — 5 at once at
 * 0.1 s, then 4 more before 1.0 s: 9 in a "5 per second" window, the 429s after the first window the benchmark found
 * (issue 14). A bucket holding C tokens and refilled at r lets at most C + r·W calls into any window W, so C =
 * limit − ⌊r·W⌋ keeps every window at or under the limit, with or without a quiet spell before it.
 */
export function burstFor(limit: number): number {
  return Math.max(1, limit - Math.floor(PACE_SHARE * limit));
}

export class RateBudget {
  /** Tokens left at `at` (Infinity until a response told us the limit). */
  private level = Infinity;
  private at = 0;
  private capacity = Infinity;
  /** The most tokens the bucket holds: see `burstFor`. */
  private burst = Infinity;
  private perMs = 0;

  constructor(private readonly now: () => number) {}

  /** What the server last published for this limit (calls per window), for reports and tests. */
  get limit(): { calls: number; windowMs: number } | null {
    return Number.isFinite(this.capacity) && this.perMs > 0 ? { calls: this.capacity, windowMs: Math.round((PACE_SHARE * this.capacity) / this.perMs) } : null;
  }

  private refill(): number {
    const t = this.now();
    if (Number.isFinite(this.level) && this.perMs > 0) this.level = Math.min(this.burst, this.level + (t - this.at) * this.perMs);
    this.at = t;
    return this.level;
  }

  /** 0: a token was taken, the call may go now. Otherwise the ms until one will be there (nothing taken). */
  reserve(): number {
    const level = this.refill();
    if (level >= 1) {
      this.level = level - 1;
      return 0;
    }
    if (this.perMs <= 0) {
      // Told "none left" but not how fast it refills: the caller's backoff decides; do not hold the call here.
      return 0;
    }
    return Math.min(MAX_PACE_WAIT_MS, Math.ceil((1 - level) / this.perMs));
  }

  /** Takes a token even if none is left (a call that waited its longest goes anyway). */
  force(): void {
    this.refill();
    this.level -= 1;
  }

  observe(headers: RateHeaders): void {
    this.refill();
    if (headers.limit !== null && headers.limit > 0) {
      this.capacity = headers.limit;
      this.burst = burstFor(headers.limit);
      this.level = Math.min(this.level, this.burst);
      if (headers.windowMs !== null && headers.windowMs > 0) this.perMs = (PACE_SHARE * headers.limit) / headers.windowMs;
    }
    if (headers.remaining !== null) this.level = Math.min(this.level, Math.max(0, headers.remaining));
  }

  /** The server answered 429: whatever we thought, nothing is left until the bucket refills. */
  exhausted(): void {
    this.refill();
    this.level = 0;
  }
}
