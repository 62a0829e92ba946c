import { describe, expect, it } from 'vitest';
import { expectedPartSizes, partCountFor, partsComplete } from '../../../src/sandbox/completion.js';

describe('part split rule', () => {
  it('part count = ceil(filesize / partSize), at least 1', () => {
    expect(partCountFor(1, 16)).toBe(1);
    expect(partCountFor(16, 16)).toBe(1);
    expect(partCountFor(17, 16)).toBe(2);
    expect(partCountFor(10_000, 4096)).toBe(3);
  });

  it('chunk = ceil(size / parts), last part shorter, sizes sum to the file', () => {
    expect(expectedPartSizes(10_000, 3)).toEqual([3334, 3334, 3332]);
    expect(expectedPartSizes(10, 1)).toEqual([10]);
    for (const [size, partSize] of [[1, 1], [7, 2], [1_000_003, 4096], [5, 4]] as const) {
      const sizes = expectedPartSizes(size, partCountFor(size, partSize));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(size);
      expect(Math.min(...sizes)).toBeGreaterThan(0);
    }
  });

  it('complete only with every part at its exact size', () => {
    const full = new Map([[1, 3334], [2, 3334], [3, 3332]]);
    expect(partsComplete(10_000, 3, full)).toBe(true);
    expect(partsComplete(10_000, 3, new Map([[1, 3334], [3, 3332]]))).toBe(false);
    expect(partsComplete(10_000, 3, new Map([[1, 3334], [2, 3333], [3, 3332]]))).toBe(false);
    expect(partsComplete(10_000, 3, new Map([...full, [4, 1]]))).toBe(true);
    expect(partsComplete(10, 0, new Map())).toBe(false);
  });
});
