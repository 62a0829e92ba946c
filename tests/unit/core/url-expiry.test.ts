import { describe, expect, it } from 'vitest';
import { earliestExpiry, presignedExpiry } from '../../../src/core/upload/url-expiry';

const url = (date: string, expires: number) => `https://s3.example/parts/a/part_1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-Signature=abc`;

describe('presigned URL expiry', () => {
  it('is X-Amz-Date plus X-Amz-Expires', () => {
    expect(presignedExpiry(url('20261127T100000Z', 86400))).toBe(Date.parse('2026-11-28T10:00:00Z'));
  });

  it('is unknown for URLs that do not say', () => {
    expect(presignedExpiry('https://example.com/upload?token=x')).toBeNull();
    expect(presignedExpiry('not a url')).toBeNull();
  });

  it('takes the earliest of several URLs', () => {
    expect(earliestExpiry([url('20261127T100000Z', 86400), url('20261127T090000Z', 3600)])).toBe(Date.parse('2026-11-27T10:00:00Z'));
    expect(earliestExpiry([])).toBeNull();
  });
});
