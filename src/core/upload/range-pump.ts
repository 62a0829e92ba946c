// Copies bytes [start, end) of a file into a writable (the part's HTTP request) through two reusable buffers: while
// one buffer's bytes are being flushed to the socket, the next range is read into the other. No Buffer is allocated
// per chunk, so a multi-GB upload creates no garbage for the collector and peak memory stays flat and small
// (a stream allocates a fresh chunk per read, and V8 collects them only once tens of MB have piled up).
import { open } from 'node:fs/promises';
import { READ_CHUNK_BYTES } from './file-source';

export interface PumpTarget {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
}

export class SourceReadError extends Error {
  override readonly name = 'SourceReadError';
}

/** Resolves once every byte was handed to the target and flushed; `onChunk` sees each chunk before it is reused. */
export async function pumpRange(
  path: string,
  start: number,
  end: number,
  target: PumpTarget,
  onChunk: (chunk: Uint8Array) => void,
  signal?: AbortSignal,
): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new SourceReadError(`cannot read the file: ${(error as Error).message}`, { cause: error });
  }
  const buffers = [Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, Math.max(1, end - start))), null as Buffer | null];
  let flushing: Promise<void> = Promise.resolve();
  try {
    let position = start;
    let turn = 0;
    while (position < end) {
      if (signal?.aborted) throw signal.reason as Error;
      const buffer = (buffers[turn] ??= Buffer.allocUnsafe(buffers[0]?.length ?? READ_CHUNK_BYTES)) as Buffer;
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position));
      } catch (error) {
        throw new SourceReadError(`cannot read the file: ${(error as Error).message}`, { cause: error });
      }
      if (bytesRead === 0) throw new SourceReadError(`the file ended early at byte ${position} (it was ${end} or more when the upload started)`);
      const chunk = buffer.subarray(0, bytesRead);
      onChunk(chunk);
      // Wait for the other buffer's flush before handing this one over: at most two chunks are ever out.
      await flushing;
      flushing = new Promise<void>((resolve, reject) => {
        target.write(chunk, (error) => (error ? reject(error) : resolve()));
      });
      flushing.catch(() => undefined);
      position += bytesRead;
      turn ^= 1;
    }
    await flushing;
  } finally {
    await handle.close();
  }
}
