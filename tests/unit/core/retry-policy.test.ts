// "Retry?" for a part PUT, as the pacer hears it (frameio-api.md "Errors").
import { describe, expect, it } from 'vitest';
import { classifyPartFailure, isExpired, PART_RETRY_BUDGET, MAX_PART_ATTEMPTS } from '../../../src/core/upload/retry-policy';
import type { PartFailure } from '../../../src/core/upload/part-error';

const http = (status: number, s3Code: string | null, message: string | null = null, retryAfterMs: number | null = null): PartFailure =>
  ({ kind: 'http', status, s3Code, message, requestId: 'REQ1', retryAfterMs });
const URL = 'https://s3.example/part';

describe('part retry policy', () => {
  it.each([
    ['500 InternalError', http(500, 'InternalError')],
    ['400 RequestTimeout', http(400, 'RequestTimeout')],
  ])('retries %s as transient', (_name, failure) => {
    expect(classifyPartFailure(failure, URL)).toEqual({ retry: 'transient' });
  });

  it('treats 503 SlowDown and 429 as throttling, with the server\'s Retry-After', () => {
    expect(classifyPartFailure(http(503, 'SlowDown', null, 7000), URL)).toEqual({ retry: 'throttled', retryAfterMs: 7000 });
    expect(classifyPartFailure(http(429, null), URL)).toEqual({ retry: 'throttled', retryAfterMs: null });
  });

  it('asks the network gate about resets and refused connections; a stall on a reachable host is throttling', () => {
    expect(classifyPartFailure({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up' }, URL)).toEqual({ retry: 'offline', url: URL, ifReachable: 'transient' });
    expect(classifyPartFailure({ kind: 'network', code: 'ETIMEDOUT', message: 'no progress' }, URL)).toEqual({ retry: 'offline', url: URL, ifReachable: 'throttled' });
    expect(classifyPartFailure({ kind: 'network', code: 'EPROTO', message: 'odd' }, URL)).toEqual({ retry: 'transient' });
  });

  it('never retries a signature mismatch, an expired URL as-is, or other client errors', () => {
    expect(classifyPartFailure(http(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match'), URL)).toEqual({ retry: false });
    expect(classifyPartFailure(http(403, 'AccessDenied', 'There were headers present in the request which were not signed'), URL)).toEqual({ retry: false });
    expect(classifyPartFailure(http(411, 'MissingContentLength'), URL)).toEqual({ retry: false });
    const expired = http(403, 'AccessDenied', 'Request has expired');
    expect(classifyPartFailure(expired, URL)).toEqual({ retry: false });
    expect(isExpired(expired)).toBe(true);
  });

  it('stops on abort and on a changed source file', () => {
    expect(classifyPartFailure({ kind: 'aborted' }, URL)).toEqual({ retry: false });
    expect(classifyPartFailure({ kind: 'source', message: 'x changed' }, URL)).toEqual({ retry: false });
  });

  it('allows MAX_PART_ATTEMPTS attempts in all', () => {
    expect(PART_RETRY_BUDGET.total).toBe(MAX_PART_ATTEMPTS - 1);
  });
});
