import { describe, expect, it } from 'vitest';
import { partsFromUrls } from '../../../src/core/frameio/v2-parts';
import { planRanges } from '../../../src/core/upload/planner';

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://s3.example/parts/a/part_${i + 1}`);

describe('planner', () => {
  it('splits with the ceil rule: equal parts, the last one shorter', () => {
    const parts = partsFromUrls(10, urls(3));
    expect(parts.map((p) => p.size)).toEqual([4, 4, 2]);
    const ranges = planRanges(10, parts);
    expect(ranges.map((r) => [r.start, r.end])).toEqual([[0, 4], [4, 8], [8, 10]]);
  });

  it('covers every byte exactly once for many sizes and URL counts', () => {
    for (const size of [1, 2, 7, 1000, 1_048_577, 209_715_201]) {
      for (const count of [1, 2, 3, 7, 13]) {
        if (count > size) continue;
        const ranges = planRanges(size, partsFromUrls(size, urls(count)));
        expect(ranges).toHaveLength(count);
        expect(ranges[0]?.start).toBe(0);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.start).toBe(ranges[i - 1]?.end);
        expect(ranges.at(-1)?.end).toBe(size);
        expect(ranges.reduce((n, r) => n + r.size, 0)).toBe(size);
      }
    }
  });

  it('a 1-byte file is one 1-byte part', () => {
    expect(planRanges(1, partsFromUrls(1, urls(1)))).toEqual([{ index: 0, url: urls(1)[0], start: 0, end: 1, size: 1 }]);
  });

  it('keeps zero-length trailing parts when the server gives more URLs than bytes', () => {
    const ranges = planRanges(2, partsFromUrls(2, urls(3)));
    expect(ranges.map((r) => r.size)).toEqual([1, 1, 0]);
  });

  it('rejects V4-style sized parts that do not sum to the file size', () => {
    expect(() => planRanges(10, [{ url: 'a', size: 4 }, { url: 'b', size: 4 }])).toThrow(/cover 8 bytes but the file has 10/);
    expect(() => planRanges(10, [{ url: 'a', size: -1 }, { url: 'b', size: 11 }])).toThrow(/invalid size/);
  });

  it('rejects an empty URL list and nonsense sizes', () => {
    expect(() => partsFromUrls(10, [])).toThrow(/no upload URLs/);
    expect(() => partsFromUrls(1.5, urls(1))).toThrow(/invalid file size/);
  });
});
