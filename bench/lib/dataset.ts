// Seeded, reproducible test data: incompressible bytes from AES-256-CTR keyed by the seed (fast: ~1 GB/s), and
// small-file sizes from a seeded PRNG, log-uniform between a minimum and a maximum.
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';

const BLOCK = 4 * 1024 * 1024;

export function keystream(seed: string): (n: number) => Buffer {
  const key = createHash('sha256').update(`ferry-bench:${seed}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return (n) => cipher.update(Buffer.alloc(n));
}

/** mulberry32: a tiny seeded PRNG giving floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** Writes `bytes` of seeded random data to `path`, unless a file of exactly that size is already there. */
export async function ensureRandomFile(path: string, bytes: number, seed: string): Promise<void> {
  if ((await sizeOf(path)) === bytes) return;
  const next = keystream(`${seed}:${bytes}`);
  const out = createWriteStream(path);
  let left = bytes;
  while (left > 0) {
    const n = Math.min(BLOCK, left);
    if (!out.write(next(n))) await once(out, 'drain');
    left -= n;
  }
  out.end();
  await once(out, 'finish');
}

export interface SmallSet {
  dir: string;
  count: number;
  totalBytes: number;
}

/** `count` files in `dir`, sizes log-uniform in [minBytes, maxBytes], seeded; reused if already complete. */
export async function ensureSmallFiles(dir: string, count: number, minBytes: number, maxBytes: number, seed: number): Promise<SmallSet> {
  await mkdir(dir, { recursive: true });
  const rand = prng(seed);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    sizes.push(Math.round(Math.exp(Math.log(minBytes) + rand() * (Math.log(maxBytes) - Math.log(minBytes)))));
  }
  const existing = new Set(await readdir(dir));
  const width = String(count - 1).length;
  const next = keystream(`small:${seed}`);
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    const size = sizes[i] ?? minBytes;
    totalBytes += size;
    const name = `f${String(i).padStart(width, '0')}.bin`;
    const path = join(dir, name);
    const bytes = next(size); // always drawn, so a file's content does not depend on which others existed
    if (existing.has(name) && (await sizeOf(path)) === size) continue;
    const out = createWriteStream(path);
    out.end(bytes);
    await once(out, 'finish');
  }
  const extra = [...existing].filter((n) => !/^f\d+\.bin$/.test(n) || Number(n.slice(1, -4)) >= count);
  if (extra.length) throw new Error(`${dir} holds files that are not part of the data set (${extra.slice(0, 3).join(', ')}…)`);
  return { dir, count, totalBytes };
}
