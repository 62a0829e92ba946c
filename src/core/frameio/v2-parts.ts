// V2 gives bare upload URLs; their sizes follow the ceil rule (frameio-api.md "Upload mechanics" 2):
// chunk = ceil(filesize / urls), part i = [i*chunk, min((i+1)*chunk, size)). The engine only sees sized parts.
import type { UploadPart } from './types';

export function partsFromUrls(fileSize: number, urls: readonly string[]): UploadPart[] {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new RangeError(`invalid file size ${fileSize}`);
  if (urls.length === 0) throw new RangeError('the server returned no upload URLs');
  const chunk = Math.ceil(fileSize / urls.length);
  return urls.map((url, i) => ({
    url,
    size: Math.max(0, Math.min((i + 1) * chunk, fileSize) - i * chunk),
  }));
}
