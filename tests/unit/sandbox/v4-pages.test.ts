import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/sandbox/api/errors.js';
import { v4Page } from '../../../src/sandbox/v4/pages.js';

type Page = { data: number[]; links: { next: string | null }; total_count: number | null };
const items = Array.from({ length: 10 }, (_, i) => i);
const page = (href: string, max = 500): Page => v4Page(new URL(href, 'http://sandbox.invalid'), items, (n) => n, max).body as Page;

describe('V4 cursor pages', () => {
  it('follows links.next to the end, keeping the query, counting only when asked', () => {
    const seen: number[] = [];
    let next: string | null = '/v4/x/children?page_size=4&type=file';
    while (next) {
      const p = page(next);
      expect(p.total_count).toBeNull();
      seen.push(...p.data);
      next = p.links.next;
      if (next) expect(new URL(next, 'http://x').searchParams.get('type')).toBe('file');
    }
    expect(seen).toEqual(items);
    expect(page('/v4/x/children?include_total_count=true').total_count).toBe(10);
  });

  it('refuses a cursor of another list or a made-up one (400), and page sizes out of bounds (422)', () => {
    const after = new URL(String(page('/v4/x/children?page_size=2').links.next), 'http://x').searchParams.get('after');
    expect(() => page(`/v4/y/children?after=${after}`)).toThrow(expect.objectContaining({ status: 400 }) as ApiError);
    expect(() => page('/v4/x/children?after=abc')).toThrow(expect.objectContaining({ status: 400 }) as ApiError);
    expect(() => page('/v4/x/children?page_size=101', 100)).toThrow(expect.objectContaining({ status: 422 }) as ApiError);
    expect(() => page('/v4/x/children?page_size=1.5')).toThrow(expect.objectContaining({ status: 422 }) as ApiError);
  });
});
