// The part-split rule from frameio-api.md: chunk = ceil(filesize / parts); part i covers
// [i*chunk, min((i+1)*chunk, filesize)), the last one shorter.

/** Default target part size: 16 MiB, so the URL count varies with file size (clients must not assume it). */
export const DEFAULT_PART_SIZE_BYTES = 16 * 1024 * 1024;

// S3's limits, which Frame.io's part URLs live under: at most 10,000 parts, each at most 5 GiB (a PutObject maximum).
export const MAX_PARTS = 10_000;
export const MAX_PART_BYTES = 5 * 1024 ** 3;
/** The largest file those allow; V4's spec has its own, lower limit (file_size ≤ 5e12). */
export const MAX_FILE_BYTES = MAX_PARTS * MAX_PART_BYTES;

/**
 * Part count = ceil(filesize / part size), at least 1 and at most MAX_PARTS: a file that would need more gets larger
 * parts instead. With an integer part size the last part is never empty.
 */
export function partCountFor(filesizeBytes: number, partSizeBytes: number): number {
  const partSize = Math.max(partSizeBytes, Math.ceil(filesizeBytes / MAX_PARTS));
  return Math.max(1, Math.ceil(filesizeBytes / partSize));
}

/** Expected byte length of each part, index 0 = part 1. */
export function expectedPartSizes(filesizeBytes: number, partCount: number): number[] {
  const chunk = Math.ceil(filesizeBytes / partCount);
  const sizes: number[] = [];
  for (let i = 0; i < partCount; i++) {
    sizes.push(Math.max(0, Math.min((i + 1) * chunk, filesizeBytes) - i * chunk));
  }
  return sizes;
}

/** The expected byte length of part `partNumber` (1-based), or undefined when the file has no such part. */
export function expectedPartSize(filesizeBytes: number, partCount: number, partNumber: number, sizes?: readonly number[]): number | undefined {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > partCount) return undefined;
  if (sizes?.length === partCount) return sizes[partNumber - 1];
  const chunk = Math.ceil(filesizeBytes / partCount);
  return Math.max(0, Math.min(partNumber * chunk, filesizeBytes) - (partNumber - 1) * chunk);
}

/**
 * Complete when every part is present with exactly its expected size (the sizes the server chose, else the ceil
 * rule); extra parts are ignored.
 */
export function partsComplete(filesizeBytes: number, partCount: number, present: ReadonlyMap<number, number>, sizes?: readonly number[]): boolean {
  if (partCount < 1) return false;
  const expected = sizes?.length === partCount ? sizes : expectedPartSizes(filesizeBytes, partCount);
  return expected.every((size, i) => present.get(i + 1) === size);
}
