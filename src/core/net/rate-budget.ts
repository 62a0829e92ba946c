// One published rate limit, as a token bucket fed by the server's own `x-ratelimit-*` headers (frameio-api.md: every
// response carries limit, remaining and the window in ms; V2 is a leaky bucket per user and operation, V4 publishes
// one limit per operation). Before a call the pacer asks how long to wait; a call that may go takes a token at once,
// so calls still in flight count before the server has answered them. The server's `remaining` can only lower our
// estimate (ours already counts calls it has not seen yet); time refills it at limit / window. An answer's `remaining`
// is as old as its call: it is read as the server's count when the call arrived, refilled since, less the calls we
// sent after it.

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

/** We refill at this share of the published rate. A server that counts fixed windows (the sandbox's starts at the
 * first call after the last window ended) sees our calls arrive with jitter — a few ms of latency per call, more
 * through a loaded link — and at the share 0.95 a "5 per second" left 53 ms between a window's end and its sixth call:
 * once the answers' `remaining` was read as of their calls (below), 9 of ~210 windows on `far` got a 429. 0.92 leaves
 * 87 ms, and costs 8 % of the ceiling. */
export const PACE_SHARE = 0.92;
/** A published limit never holds one call longer than this: a server claiming "1 call a day" gets asked again, and a
 * 429 answers it (the pacer's backoff and budget take over). */
export const MAX_PACE_WAIT_MS = 120_000;
/** How many of the latest calls' send times a budget keeps, to read an answer's `remaining` against (answers come
 * back within a few calls of their own). */
const RECENT_CALLS = 64;

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
  /** When the latest calls took their tokens (the last RECENT_CALLS of them), oldest first. */
  private readonly takenAt: number[] = [];

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
      this.took();
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
    this.took();
  }

  private took(): void {
    this.takenAt.push(this.at);
    if (this.takenAt.length > RECENT_CALLS) this.takenAt.shift();
  }

  /** A response's headers; `sentAt` is when its call was sent (on this budget's clock), when known. */
  observe(headers: RateHeaders, sentAt?: number): void {
    this.refill();
    if (headers.limit !== null && headers.limit > 0) {
      this.capacity = headers.limit;
      this.burst = burstFor(headers.limit);
      this.level = Math.min(this.level, this.burst);
      if (headers.windowMs !== null && headers.windowMs > 0) this.perMs = (PACE_SHARE * headers.limit) / headers.windowMs;
    }
    if (headers.remaining !== null) this.level = Math.min(this.level, this.serverLevel(Math.max(0, headers.remaining), sentAt));
  }

  /**
   * What the server's `remaining` says is left now. It counted up to the call it answered, so the calls sent after
   * that one are not in it, and it has refilled since the call was sent. Read as "left now", a "0" answered 155 ms
   * after a call arrived in a full fixed window held the next call back by those 155 ms: every window of a
   * "5 per second" limit lost that much, and Ferry created files at 4.2/s instead of 4.75 (issue 14, on `far`).
   */
  private serverLevel(remaining: number, sentAt: number | undefined): number {
    if (sentAt === undefined || this.perMs <= 0 || sentAt > this.at) return remaining;
    let later = 0;
    for (let i = this.takenAt.length - 1; i >= 0 && (this.takenAt[i] as number) > sentAt; i--) later++;
    return remaining + (this.at - sentAt) * this.perMs - later;
  }

  /** The server answered 429: whatever we thought, nothing is left until the bucket refills. */
  exhausted(): void {
    this.refill();
    this.level = 0;
  }
}
