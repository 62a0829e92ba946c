import xxhash, { type XXHashAPI } from 'xxhash-wasm';

// The wasm module compiles once per process; every checksum after the first reuses it.
let api: Promise<XXHashAPI> | undefined;

/**
 * xxHash64 (seed 0) of a byte stream as 16 lowercase hex digits, the form Frame.io reports in
 * `checksums.xx_hash`. Incremental, so a file of any size is hashed in constant memory.
 * Stops with the signal's reason once `signal` aborts (checked between chunks).
 */
export async function xxHash64Hex(chunks: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<string> {
  api ??= xxhash();
  const hasher = (await api).create64();
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    hasher.update(chunk);
  }
  return hasher.digest().toString(16).padStart(16, '0');
}
