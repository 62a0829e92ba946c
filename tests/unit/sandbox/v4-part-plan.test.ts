import { describe, expect, it } from 'vitest';
import { planPartSizes } from '../../../src/sandbox/ops/part-plan.js';
import { createPrng } from '../../../src/sandbox/util/prng.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('V4 part plans (local_upload sizes chosen by the server)', () => {
  it('even is the ceil rule: equal parts, a shorter last one', () => {
    expect(planPartSizes(10_000, 4096, 'even', Math.random)).toEqual([3334, 3334, 3332]);
    expect(planPartSizes(10, 4096, 'even', Math.random)).toEqual([10]);
  });

  it('short-first: a first part about half the others, at least two parts', () => {
    expect(planPartSizes(10_000, 4096, 'short-first', Math.random)).toEqual([1667, 4167, 4166]);
    expect(planPartSizes(100, 4096, 'short-first', Math.random)).toEqual([25, 75]);
    expect(planPartSizes(1, 4096, 'short-first', Math.random)).toEqual([1]);
  });

  it('random: unequal, from the seed, the same sequence for the same seed', () => {
    const a = planPartSizes(50_000, 4096, 'random', createPrng(3));
    const b = planPartSizes(50_000, 4096, 'random', createPrng(3));
    expect(a).toEqual(b);
    expect(a).toHaveLength(13);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('every plan: parts ≥ 1 byte that sum to the file, whatever the size', () => {
    const random = createPrng(11);
    for (const plan of ['even', 'short-first', 'random'] as const) {
      for (const [size, partSize] of [[1, 1], [2, 16], [3, 1], [7, 2], [1_000_003, 4096], [5, 4], [64, 1]] as const) {
        const sizes = planPartSizes(size, partSize, plan, random);
        expect(sum(sizes), `${plan} ${size}/${partSize}`).toBe(size);
        expect(Math.min(...sizes), `${plan} ${size}/${partSize}`).toBeGreaterThan(0);
      }
    }
  });
});
