import { expectedPartSizes, MAX_PART_BYTES, partCountFor } from '../completion.js';
import type { PartPlan } from '../options.js';

/**
 * The byte length of each part of a V4 local_upload (options.ts PartPlan). The count follows `partSizeBytes`;
 * unequal plans use at least two parts when the file has two bytes. Every part is ≥ 1 byte and they sum to `size`;
 * there are at most MAX_PARTS, none over MAX_PART_BYTES.
 */
export function planPartSizes(size: number, partSizeBytes: number, plan: PartPlan, random: () => number): number[] {
  const count = partCountFor(size, partSizeBytes);
  const even = expectedPartSizes(size, count);
  if (plan === 'even' || size < 2) return even;
  const unequal = unequalSizes(size, count, plan, random);
  // An unequal part can pass S3's 5 GiB where the even split does not (a file of a few parts of nearly 5 GiB).
  return Math.max(...unequal) <= MAX_PART_BYTES ? unequal : even;
}

function unequalSizes(size: number, count: number, plan: Exclude<PartPlan, 'even'>, random: () => number): number[] {
  const n = Math.min(size, Math.max(2, count));
  if (plan === 'short-first') {
    const first = Math.max(1, Math.floor(Math.ceil(size / n) / 2));
    return [first, ...spread(size - first, n - 1)];
  }
  const weights = Array.from({ length: n }, () => 0.25 + random());
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.slice(0, -1).map((w) => Math.max(1, Math.floor((size * w) / total)));
  const last = size - sizes.reduce((a, b) => a + b, 0);
  // Rounding can only starve the last part of tiny files; then fall back to an even spread.
  return last >= 1 ? [...sizes, last] : spread(size, n);
}

/** `total` over `n` parts as evenly as integers allow (larger parts first), each ≥ 1 when total ≥ n. */
function spread(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const extra = total % n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}
