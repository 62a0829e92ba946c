// Every call a session makes — Frame.io API calls and part PUTs to storage alike — goes through one Pacer (rclone's
// lib/pacer: `pacer.Call(fn)`, where the call site only answers "retry?"). The call site classifies a failure into a
// Verdict; everything else lives here, shared by every batch and file of the session:
// - rate budgets per published limit, fed by `x-ratelimit-*` headers, so no call goes that we can predict gets a 429;
// - retry budgets per kind of failure, with exponential backoff (equal jitter) or the server's Retry-After (capped);
// - waiting for the network without spending retries when the host is unreachable;
// - asking for a new token once after a 401, shared by every call that got one.
import { equalJitterBackoffMs, MAX_RETRY_AFTER_MS, sleep as realSleep, type Sleep } from './backoff';
import { Credentials } from './credentials';
import { NetworkGate } from './network-gate';
import { MAX_PACE_WAIT_MS, RateBudget, type RateHeaders } from './rate-budget';

/** What a failed call deserves. */
export type Verdict =
  /** No: it will fail the same way again (a bad request, a missing asset, a bug). */
  | { retry: false }
  /** The server asked us to slow down (429, S3 SlowDown): back off, or wait as long as it said. */
  | { retry: 'throttled'; retryAfterMs?: number | null }
  /** It may work next time (a 5xx, a reset connection). */
  | { retry: 'transient' }
  /** The connection failed in a way that may mean "no network": wait for `url`'s host, free, if it is unreachable;
   * if it answers, the failure counts as `ifReachable` (default transient; a stalled part is a sign of overload). */
  | { retry: 'offline'; url: string; ifReachable?: 'transient' | 'throttled' }
  /** 401: a new token may fix it. */
  | { retry: 'unauthorized' };

export interface RetryAllowance {
  retries: number;
  /** First backoff ceiling; doubles per retry of this kind. */
  baseMs: number;
}

export interface RetryBudget {
  transient: RetryAllowance;
  throttled: RetryAllowance;
  /** At most this many retries of either kind together. */
  total?: number;
}

export interface PacedCall {
  /** The published limit this call counts against (one bucket per limit), or null when none applies (storage). */
  bucket: string | null;
  budget: RetryBudget;
  classify(error: unknown): Verdict;
  signal?: AbortSignal;
  /** Told before each retry's wait: a file counts its retries, the part limiter halves after throttling. */
  onRetry?(verdict: Verdict, delayMs: number): void;
  /** Told true when the call starts waiting for the network, false when it is back. */
  onOffline?(waiting: boolean): void;
  /** Long waits for this call are reported to PacerOptions.onSlowDown (the window's "resuming in N s" banner). */
  announceWaits?: boolean;
}

export interface PacerOptions {
  token?: string;
  network?: NetworkGate;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  /** A call waits this long because Frame.io asked us to slow down (a 429, or a rate budget spent). */
  onSlowDown?: (waitMs: number) => void;
}

/** Waits shorter than this are ordinary pacing, not news for the person. */
const ANNOUNCE_WAITS_FROM_MS = 1_000;

export interface BucketStats {
  calls: number;
  retries: number;
  throttled: number;
  pacedMs: number;
}

export class Pacer {
  readonly credentials: Credentials;
  readonly network: NetworkGate;
  private readonly budgets = new Map<string, RateBudget>();
  private readonly counters = new Map<string, BucketStats>();
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: PacerOptions = {}) {
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.credentials = new Credentials(options.token ?? '', this.now);
    this.network = options.network ?? new NetworkGate(undefined, this.sleep);
  }

  /** Runs `attempt` until it succeeds or its failure is not worth another try; the last failure is thrown as is. */
  async call<T>(spec: PacedCall, attempt: (token: string) => Promise<T>): Promise<T> {
    const used = { transient: 0, throttled: 0 };
    const stats = this.stats(spec.bucket ?? 'storage');
    for (;;) {
      if (spec.bucket) await this.take(spec.bucket, spec, stats);
      const token = spec.bucket ? await this.credentials.fresh() : ''; // storage is never sent the token
      const generation = this.credentials.generation;
      stats.calls++;
      try {
        return await attempt(token);
      } catch (error) {
        if (spec.signal?.aborted) throw error;
        const verdict = spec.classify(error);
        if (verdict.retry === false) throw error;
        if (verdict.retry === 'unauthorized') {
          if (await this.credentials.renew(generation)) continue;
          throw error;
        }
        if (verdict.retry === 'offline' && (await this.network.isOffline(verdict.url))) {
          await this.waitForNetwork(verdict.url, spec, error);
          continue;
        }
        const kind = verdict.retry === 'throttled' || (verdict.retry === 'offline' && verdict.ifReachable === 'throttled') ? 'throttled' : 'transient';
        const allowance = spec.budget[kind];
        if (used[kind] >= allowance.retries || used.transient + used.throttled >= (spec.budget.total ?? Infinity)) throw error;
        const asked = verdict.retry === 'throttled' ? (verdict.retryAfterMs ?? null) : null;
        const delayMs = asked !== null ? Math.min(asked, MAX_RETRY_AFTER_MS) : equalJitterBackoffMs(used[kind], this.random, allowance.baseMs);
        used[kind]++;
        stats.retries++;
        if (kind === 'throttled') {
          stats.throttled++;
          if (spec.bucket) this.bucket(spec.bucket).exhausted();
          if (spec.announceWaits) this.options.onSlowDown?.(delayMs);
        }
        spec.onRetry?.(verdict, delayMs);
        try {
          await this.sleep(delayMs, spec.signal);
        } catch {
          throw error; // stopped while waiting: the caller learns why from its own signal
        }
      }
    }
  }

  /** The pacer's clock: a call notes when it is sent (`observe`'s `sentAt`). */
  time(): number {
    return this.now();
  }

  /** Feeds a response's `x-ratelimit-*` headers to the bucket the call counted against; `sentAt` (from `time()`) is
   * when the call went out, so its `remaining` is read as of then. */
  observe(bucket: string, headers: RateHeaders, sentAt?: number): void {
    this.bucket(bucket).observe(headers, sentAt);
  }

  /** Calls, retries and pacing per bucket since the session started (benchmarks report API calls per file). */
  statistics(): Record<string, BucketStats> {
    return Object.fromEntries([...this.counters].map(([name, s]) => [name, { ...s }]));
  }

  /** The limit a bucket last published (null until a response carried it). */
  publishedLimit(bucket: string): { calls: number; windowMs: number } | null {
    return this.budgets.get(bucket)?.limit ?? null;
  }

  private bucket(name: string): RateBudget {
    let budget = this.budgets.get(name);
    if (!budget) this.budgets.set(name, (budget = new RateBudget(this.now)));
    return budget;
  }

  private stats(name: string): BucketStats {
    let stats = this.counters.get(name);
    if (!stats) this.counters.set(name, (stats = { calls: 0, retries: 0, throttled: 0, pacedMs: 0 }));
    return stats;
  }

  private async take(name: string, spec: PacedCall, stats: BucketStats): Promise<void> {
    const budget = this.bucket(name);
    let waited = 0;
    for (let waitMs = budget.reserve(); waitMs > 0; waitMs = budget.reserve()) {
      if (waited >= MAX_PACE_WAIT_MS) return budget.force(); // held long enough: the server's 429 answers the rest
      if (spec.announceWaits && waitMs >= ANNOUNCE_WAITS_FROM_MS) this.options.onSlowDown?.(waitMs);
      stats.pacedMs += waitMs;
      waited += waitMs;
      await this.sleep(waitMs, spec.signal);
    }
  }

  private async waitForNetwork(url: string, spec: PacedCall, error: unknown): Promise<void> {
    spec.onOffline?.(true);
    try {
      await this.network.waitUntilOnline(url, spec.signal);
    } catch {
      throw error;
    } finally {
      spec.onOffline?.(false);
    }
  }
}
