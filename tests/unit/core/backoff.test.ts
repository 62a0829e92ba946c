import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelayMs, parseRetryAfterMs } from '../../../src/core/frameio/backoff';

describe('backoff', () => {
  it('doubles from 1 s with jitter between half and all of the ceiling, capped', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(500);
    expect(backoffDelayMs(0, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, () => 1)).toBe(8000);
    expect(backoffDelayMs(20, () => 1)).toBe(BACKOFF_CAP_MS);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    expect(parseRetryAfterMs('0.5')).toBe(500);
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfterMs('Fri, 27 Nov 2026 10:00:05 GMT', () => now)).toBe(5000);
    expect(parseRetryAfterMs(undefined)).toBeNull();
    expect(parseRetryAfterMs('soon')).toBeNull();
  });
});
