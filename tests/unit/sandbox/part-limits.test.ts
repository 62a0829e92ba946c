// S3's limits on the parts the sandbox hands out: at most 10,000, each 1 byte to 5 GiB, summing to the file, for
// every plan and every size up to the largest file (V4's 5e12; V2's 10,000 × 5 GiB).
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_PART_BYTES, MAX_PARTS, expectedPartSizes, partCountFor } from '../../../src/sandbox/completion.js';
import { planPartSizes } from '../../../src/sandbox/ops/part-plan.js';
import { createPrng } from '../../../src/sandbox/util/prng.js';

const GiB = 1024 ** 3;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('part limits', () => {
  it('the limits are S3 facts', () => {
    expect(MAX_PARTS).toBe(10_000);
    expect(MAX_PART_BYTES).toBe(5 * GiB);
    expect(MAX_FILE_BYTES).toBe(10_000 * 5 * GiB);
  });

  it('the part count grows the part size instead of passing 10,000', () => {
    expect(partCountFor(20_000, 1)).toBe(10_000);
    expect(partCountFor(20_001, 1)).toBe(6_667); // parts of 3 bytes: the smallest size that fits 10,000
    expect(partCountFor(9_999, 1)).toBe(9_999);
    expect(partCountFor(MAX_FILE_BYTES, 16 * 1024 * 1024)).toBe(10_000);
    expect(partCountFor(100, 16)).toBe(7);
    expect(Math.max(...expectedPartSizes(MAX_FILE_BYTES, partCountFor(MAX_FILE_BYTES, 1)))).toBe(MAX_PART_BYTES);
  });

  it('every plan stays within the limits, up to the largest file', () => {
    const random = createPrng(5);
    for (const plan of ['even', 'short-first', 'random'] as const) {
      for (const [size, partSize] of [[5e12, 16 * 1024 * 1024], [5e12, 1], [MAX_FILE_BYTES, 1], [MAX_FILE_BYTES, 5 * GiB], [6 * GiB, 5 * GiB], [9 * GiB, 5 * GiB], [20_001, 1], [3, 5 * GiB]] as const) {
        const sizes = planPartSizes(size, partSize, plan, random);
        const where = `${plan} ${size}/${partSize}`;
        expect(sizes.length, where).toBeLessThanOrEqual(MAX_PARTS);
        expect(Math.max(...sizes), where).toBeLessThanOrEqual(MAX_PART_BYTES);
        expect(Math.min(...sizes), where).toBeGreaterThanOrEqual(1);
        expect(sum(sizes), where).toBe(size);
      }
    }
  });
});
