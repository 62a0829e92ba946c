import { describe, expect, it } from 'vitest';
import { xxHash64Hex } from '../../../src/sandbox/util/xxhash64.js';

async function* chunksOf(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield Buffer.from(p);
}

describe('xxHash64Hex', () => {
  it('matches the reference vectors (seed 0) as 16 lowercase hex digits', async () => {
    // From the xxHash reference implementation: XXH64("", 0) and XXH64("abc", 0).
    expect(await xxHash64Hex(chunksOf())).toBe('ef46db3751d8e999');
    expect(await xxHash64Hex(chunksOf('abc'))).toBe('44bc2cf5ad770999');
  });

  it('does not depend on how the bytes are chunked', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    const whole = await xxHash64Hex(chunksOf(text));
    expect(await xxHash64Hex(chunksOf(text.slice(0, 7), text.slice(7, 1000), text.slice(1000)))).toBe(whole);
  });

  it('stops once the signal aborts', async () => {
    const abort = new AbortController();
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (let i = 0; ; i++) {
        if (i === 3) abort.abort(new Error('closing'));
        yield Buffer.alloc(16);
      }
    }
    await expect(xxHash64Hex(endless(), abort.signal)).rejects.toThrow('closing');
  });
});
