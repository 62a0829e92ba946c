// One pure decision for every part failure: retry (with a delay), recreate the asset (its URLs expired), or stop.
// frameio-api.md "Errors": retry 500 InternalError, 503 SlowDown/ServiceUnavailable, 400 RequestTimeout and
// connection resets; never retry SignatureDoesNotMatch (a bug) or an expired URL as-is.
import { backoffDelayMs } from '../frameio/backoff';
import type { PartFailure } from './part-error';

export const MAX_PART_ATTEMPTS = 10;
/** Part retries start quicker than API backoff: a reset part is usually fine on the next try. */
export const PART_BACKOFF_BASE_MS = 500;

export type RetryDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'recreate'; reason: string }
  | { action: 'fatal'; reason: string };

const RETRYABLE_S3_CODES = new Set(['SlowDown', 'ServiceUnavailable', 'InternalError', 'RequestTimeout', 'RequestTimeTooSkewed']);

export function isExpired(f: PartFailure): boolean {
  return f.kind === 'http' && f.status === 403 && f.s3Code === 'AccessDenied' && /expired/i.test(f.message ?? '');
}

function isRetryable(f: PartFailure): boolean {
  if (f.kind === 'network') return true;
  if (f.kind !== 'http') return false;
  if (f.status >= 500 || f.status === 429) return true;
  return f.s3Code !== null && RETRYABLE_S3_CODES.has(f.s3Code);
}

export function decidePartRetry(
  failure: PartFailure,
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): RetryDecision {
  if (failure.kind === 'aborted') return { action: 'fatal', reason: 'canceled' };
  if (failure.kind === 'source') return { action: 'fatal', reason: failure.message };
  if (isExpired(failure)) return { action: 'recreate', reason: 'the upload URLs expired' };
  if (!isRetryable(failure)) return { action: 'fatal', reason: 'not retryable' };
  if (attempt + 1 >= MAX_PART_ATTEMPTS) return { action: 'fatal', reason: `gave up after ${MAX_PART_ATTEMPTS} attempts` };
  // A server's Retry-After is honoured, up to 2 minutes: a misbehaving server must not park a part for hours.
  const delayMs = retryAfterMs === null ? backoffDelayMs(attempt, random, PART_BACKOFF_BASE_MS) : Math.min(retryAfterMs, 120_000);
  return { action: 'retry', delayMs };
}
