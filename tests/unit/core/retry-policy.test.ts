import { describe, expect, it } from 'vitest';
import { decidePartRetry, MAX_PART_ATTEMPTS } from '../../../src/core/upload/retry-policy';
import type { PartFailure } from '../../../src/core/upload/part-error';

const http = (status: number, s3Code: string | null, message: string | null = null): PartFailure => ({ kind: 'http', status, s3Code, message, requestId: 'REQ1' });
const half = () => 0.5;

describe('retry policy', () => {
  it.each([
    ['503 SlowDown', http(503, 'SlowDown')],
    ['500 InternalError', http(500, 'InternalError')],
    ['400 RequestTimeout', http(400, 'RequestTimeout')],
    ['connection reset', { kind: 'network', code: 'ECONNRESET', message: 'socket hang up' } as PartFailure],
    ['timeout', { kind: 'network', code: 'ETIMEDOUT', message: 'Timeout' } as PartFailure],
  ])('retries %s with a growing delay', (_name, failure) => {
    const first = decidePartRetry(failure, 0, half);
    const third = decidePartRetry(failure, 2, half);
    expect(first.action).toBe('retry');
    expect(third.action).toBe('retry');
    if (first.action === 'retry' && third.action === 'retry') expect(third.delayMs).toBeGreaterThan(first.delayMs);
  });

  it('honours Retry-After when given', () => {
    expect(decidePartRetry(http(503, 'SlowDown'), 0, half, 7000)).toEqual({ action: 'retry', delayMs: 7000 });
  });

  it('recreates the asset when the URL expired', () => {
    expect(decidePartRetry(http(403, 'AccessDenied', 'Request has expired'), 0).action).toBe('recreate');
  });

  it('never retries a signature mismatch or other client errors', () => {
    expect(decidePartRetry(http(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match'), 0).action).toBe('fatal');
    expect(decidePartRetry(http(403, 'AccessDenied', 'There were headers present in the request which were not signed'), 0).action).toBe('fatal');
    expect(decidePartRetry(http(411, 'MissingContentLength'), 0).action).toBe('fatal');
  });

  it('gives up after the attempt budget', () => {
    const decision = decidePartRetry(http(503, 'SlowDown'), MAX_PART_ATTEMPTS - 1, half);
    expect(decision).toEqual({ action: 'fatal', reason: `gave up after ${MAX_PART_ATTEMPTS} attempts` });
  });

  it('stops on abort and on a changed source file', () => {
    expect(decidePartRetry({ kind: 'aborted' }, 0).action).toBe('fatal');
    expect(decidePartRetry({ kind: 'source', message: 'x changed' }, 0)).toEqual({ action: 'fatal', reason: 'x changed' });
  });
});
