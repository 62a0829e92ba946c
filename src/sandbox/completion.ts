// The part-split rule from frameio-api.md: chunk = ceil(filesize / parts); part i covers
// [i*chunk, min((i+1)*chunk, filesize)), the last one shorter.

/** Default target part size: 16 MiB, so the URL count varies with file size (clients must not assume it). */
export const DEFAULT_PART_SIZE_BYTES = 16 * 1024 * 1024;

/** Part count = ceil(filesize / partSizeBytes), at least 1. With an integer part size the last part is never empty. */
export function partCountFor(filesizeBytes: number, partSizeBytes: number): number {
  return Math.max(1, Math.ceil(filesizeBytes / partSizeBytes));
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

/**
 * Complete when every part is present with exactly its expected size (the sizes the server chose, else the ceil
 * rule); extra parts are ignored.
 */
export function partsComplete(filesizeBytes: number, partCount: number, present: ReadonlyMap<number, number>, sizes?: readonly number[]): boolean {
  if (partCount < 1) return false;
  const expected = sizes?.length === partCount ? sizes : expectedPartSizes(filesizeBytes, partCount);
  return expected.every((size, i) => present.get(i + 1) === size);
}
