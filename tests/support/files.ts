// Test data made on the fly (streamed, never held whole in memory) and hashes of local files and remote URLs.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK_BYTES = 1024 * 1024;

/** Writes `size` random bytes to `file` (parents created). */
export async function makeFile(file: string, size: number): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  async function* chunks() {
    for (let left = size; left > 0; left -= CHUNK_BYTES) yield randomBytes(Math.min(CHUNK_BYTES, left));
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
  return file;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** sha256 of what a URL serves (e.g. an asset's stitched `original`), streamed. */
export async function sha256Url(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`GET ${url} → ${response.status}`);
  const hash = createHash('sha256');
  await pipeline(Readable.fromWeb(response.body as never), hash);
  return hash.digest('hex');
}
