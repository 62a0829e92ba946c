// Pure planning: which bytes of the file go to which pre-signed URL. V2 gives bare URLs and the ceil rule
// (frameio-api.md "Upload mechanics" 2): chunk = ceil(filesize / urls), part i = [i*chunk, min((i+1)*chunk, size)).
// V4 gives each URL its own size. Both end as sized parts, and planRanges asserts they cover the file exactly.
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

export function partsFromUrls(fileSize: number, urls: readonly string[]): UploadPart[] {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new RangeError(`invalid file size ${fileSize}`);
  if (urls.length === 0) throw new RangeError('the server returned no upload URLs');
  const chunk = Math.ceil(fileSize / urls.length);
  return urls.map((url, i) => ({
    url,
    size: Math.max(0, Math.min((i + 1) * chunk, fileSize) - i * chunk),
  }));
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
