// Pure planning: which bytes of the file go to which pre-signed URL. The client hands over sized parts (V2's ceil
// rule is applied in frameio/v2-parts.ts, V4 sizes each URL itself), and planRanges asserts they cover the file exactly.
import type { UploadPart } from '../frameio/types';

export interface PartRange {
  /** 0-based position in the URL list. */
  index: number;
  url: string;
  /** First byte (inclusive). */
  start: number;
  /** One past the last byte (exclusive). */
  end: number;
  size: number;
}

export function planRanges(fileSize: number, parts: readonly UploadPart[]): PartRange[] {
  let offset = 0;
  const ranges = parts.map((part, index) => {
    if (!Number.isSafeInteger(part.size) || part.size < 0) throw new RangeError(`part ${index + 1} has invalid size ${part.size}`);
    const range = { index, url: part.url, start: offset, end: offset + part.size, size: part.size };
    offset += part.size;
    return range;
  });
  if (offset !== fileSize) {
    throw new RangeError(`the ${parts.length} parts cover ${offset} bytes but the file has ${fileSize}`);
  }
  // Zero-length parts (more URLs than bytes) are kept: the server may wait for every part, so each gets its PUT.
  return ranges;
}
