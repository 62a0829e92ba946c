// xxHash64 of a whole file — the checksum Frame.io itself reports in `checksums.xx_hash` — computed while the file
// uploads. The parts go out in parallel and out of order, and xxHash is not composable from part hashes, so the hash
// is a second, sequential read that runs alongside the upload: it reads the pages the part readers just pulled in
// (or pulls them in for them), so the disk is read once and the page cache serves the other reader.
// See docs/decisions/0007-xxhash-while-uploading.md.
import { open } from 'node:fs/promises';
import xxhash from 'xxhash-wasm';
import { READ_CHUNK_BYTES } from './file-source';

let api: Promise<Awaited<ReturnType<typeof xxhash>>> | null = null;
const hasherApi = () => (api ??= xxhash());

export interface StreamingHash {
  update(chunk: Uint8Array): void;
  /** 16 lowercase hex digits, as Frame.io's `checksums.xx_hash`. */
  hex(): string;
}

/** A hash fed by a stream that is read anyway: a one-part file's only part is the whole file, in order. */
export async function createXxHash64(): Promise<StreamingHash> {
  const { create64 } = await hasherApi();
  const hash = create64();
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => hash.digest().toString(16).padStart(16, '0'),
  };
}

export async function xxHash64File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = await createXxHash64();
  // One reused buffer: hashing a 4 GB file allocates nothing per chunk (see range-pump.ts for why that matters).
  const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const handle = await open(path, 'r');
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason as Error;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.hex();
}
