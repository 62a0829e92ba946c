import type { PartStore } from './part-store.js';

/**
 * A file's parts in order, as one stream of chunks: the stitched file that `original` serves and the checksum
 * is taken over. Only the part being read is open; ending the iteration early destroys it.
 */
export async function* stitchedParts(parts: PartStore, assetId: string, partCount: number): AsyncGenerator<Buffer> {
  for (let n = 1; n <= partCount; n++) {
    const part = await parts.readPart(assetId, n);
    try {
      for await (const chunk of part) yield chunk as Buffer;
    } finally {
      part.destroy();
    }
  }
}
