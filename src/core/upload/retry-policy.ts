// "Retry?" for one part PUT, answered for the session's pacer (src/core/net/pacer.ts), which owns the budgets,
// backoff and offline waits. frameio-api.md "Errors": retry 500 InternalError, 503 SlowDown/ServiceUnavailable,
// 400 RequestTimeout and connection resets; never retry SignatureDoesNotMatch (a bug) or an expired URL as-is (the
// file recreates its asset instead).
import { OFFLINE_CODES } from '../net/network-gate';
import type { RetryBudget, Verdict } from '../net/pacer';
import { type PartFailure, PartUploadError } from './part-error';

/** Attempts per part, first one included. */
export const MAX_PART_ATTEMPTS = 10;
/** Part retries start quicker than API backoff: a reset part is usually fine on the next try. */
export const PART_BACKOFF_BASE_MS = 500;
export const PART_RETRY_BUDGET: RetryBudget = {
  transient: { retries: MAX_PART_ATTEMPTS - 1, baseMs: PART_BACKOFF_BASE_MS },
  throttled: { retries: MAX_PART_ATTEMPTS - 1, baseMs: PART_BACKOFF_BASE_MS },
  total: MAX_PART_ATTEMPTS - 1,
};

const RETRYABLE_S3_CODES = new Set(['SlowDown', 'ServiceUnavailable', 'InternalError', 'RequestTimeout', 'RequestTimeTooSkewed']);

export function isExpired(f: PartFailure): boolean {
  return f.kind === 'http' && f.status === 403 && f.s3Code === 'AccessDenied' && /expired/i.test(f.message ?? '');
}

export function classifyPartFailure(failure: PartFailure, url: string): Verdict {
  switch (failure.kind) {
    case 'aborted':
    case 'source': // the local file changed or vanished: the same bytes cannot be sent again
      return { retry: false };
    case 'network':
      // A stall (no byte moving for a minute) on a reachable host is a sign of overload: fewer parts in flight.
      return OFFLINE_CODES.has(failure.code ?? '') ? { retry: 'offline', url, ifReachable: failure.code === 'ETIMEDOUT' ? 'throttled' : 'transient' } : { retry: 'transient' };
    case 'http':
      if (failure.status === 429 || failure.status === 503) return { retry: 'throttled', retryAfterMs: failure.retryAfterMs ?? null };
      if (failure.status >= 500 || (failure.s3Code !== null && RETRYABLE_S3_CODES.has(failure.s3Code))) return { retry: 'transient' };
      return { retry: false }; // an expired URL included: the caller recreates the asset
  }
}

export const classifyPartError = (error: unknown, url: string): Verdict =>
  error instanceof PartUploadError ? classifyPartFailure(error.failure, url) : { retry: false };

/** After the pacer gave up: could the same asset still be continued later (a flaky network, a struggling server)? */
export const isTransientPartFailure = (f: PartFailure): boolean => f.kind === 'network' || (f.kind === 'http' && f.status >= 500);
