import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, equalJitterBackoffMs, parseRetryAfterMs } from '../../../../src/core/net/backoff';

describe('backoff', () => {
  it('doubles from 1 s with equal jitter (between half and all of the ceiling), capped', () => {
    expect(equalJitterBackoffMs(0, () => 0)).toBe(500);
    expect(equalJitterBackoffMs(0, () => 1)).toBe(1000);
    expect(equalJitterBackoffMs(3, () => 0)).toBe(4000);
    expect(equalJitterBackoffMs(3, () => 1)).toBe(8000);
    expect(equalJitterBackoffMs(20, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(equalJitterBackoffMs(1, () => 0.5, 250)).toBe(375);
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
