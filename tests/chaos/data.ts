// The chaos run's local files: content from a keystream fixed by the seed (AES-256-CTR over zeros, so a 300 MiB file
// costs no memory and the same seed writes the same bytes), written streamed, hashed (sha256 and xxHash64) on the
// way, and names chosen to be awkward: spaces, accents in NFD, scripts, emoji, quotes, %, #, &, brackets, long names.
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import xxhash from 'xxhash-wasm';
import type { Rng } from './prng';

const CHUNK = 1024 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

let api: ReturnType<typeof xxhash> | null = null;
const xx = () => (api ??= xxhash());

export interface Hashes {
  size: number;
  sha256: string;
  xxh64: string;
}

/** Both hashes of a byte stream, as the sandbox and Frame.io spell xxHash64 (16 lowercase hex digits). */
export async function hashStream(chunks: AsyncIterable<Uint8Array>): Promise<Hashes> {
  const sha = createHash('sha256');
  const x = (await xx()).create64();
  let size = 0;
  for await (const chunk of chunks) {
    sha.update(chunk);
    x.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: sha.digest('hex'), xxh64: x.digest().toString(16).padStart(16, '0') };
}

export const hashFile = (file: string): Promise<Hashes> => hashStream(createReadStream(file, { highWaterMark: CHUNK }));

/** Writes `size` bytes of the keystream named by `key` to `file` (or appends them), hashing what it wrote. */
export async function writeKeystream(file: string, size: number, key: string, append = false): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(key).digest(), Buffer.alloc(16));
  const handle = await open(file, append ? 'a' : 'w');
  try {
    for (let left = size; left > 0; left -= CHUNK) {
      const n = Math.min(CHUNK, left);
      await handle.write(cipher.update(n === CHUNK ? ZEROS : ZEROS.subarray(0, n)));
    }
  } finally {
    await handle.close();
  }
}

/** Writes a file of the given size and returns its hashes (read back: what is on disk is what counts). */
export async function makeFile(file: string, size: number, key: string): Promise<Hashes> {
  await writeKeystream(file, size, key);
  const hashes = await hashFile(file);
  if (hashes.size !== size || (await stat(file)).size !== size) throw new Error(`wrote ${hashes.size} of ${size} bytes to ${file}`);
  return hashes;
}

// Fragments of awkward names. Accented ones are written decomposed (NFD, as macOS writes them): Ferry names the remote
// asset in NFC, so the expected remote path is normalized and the local one is not. No leading or trailing spaces
// (Frame.io trims names), no junk names (.DS_Store, ._x: the scan skips them), nothing Linux cannot name.
const FRAGMENTS = [
  'clip', 'A001 C003', 'Día 1', 'naïve café', 'Überblick', 'Ångström', 'caméra', '音声 01', '日本語のファイル', 'Привет мир',
  'emoji 🎬🎞️', 'quote\'s "best"', '100% done', '#1 take', 'this & that', '[bracket] (paren) {brace}', 'semi;colon', 'comma,name',
  '~tilde', '-leading dash', 'a.b.c', 'UPPER lower', 'two  spaces', '.hidden', 'plus+equals=', 'at@sign', 'dollar$', 'back\\slash',
  'ملف', 'עברית', '한국어', 'ελληνικά', 'tab-free—dash', 'x',
].map((s) => s.normalize('NFD'));
const EXTENSIONS = ['.mov', '.mp4', '.wav', '.txt', '.bin', '.R3D', '.braw', '.jpg', '', '.tar.gz', '.MXF'];

/** An awkward, unique name (the index keeps names unique once normalized): sometimes long, near Linux's 255 bytes. */
export function oddName(rng: Rng, index: number, folder = false): string {
  const parts = [rng.pick(FRAGMENTS)];
  if (rng.chance(0.3)) parts.push(rng.pick(FRAGMENTS));
  let name = `${parts.join(' ')} ${index}`;
  if (rng.chance(0.04)) name = `${'long name '.repeat(18)}${index}`; // ~190 bytes
  return folder ? name : `${name}${rng.pick(EXTENSIONS)}`;
}

/** The remote path Ferry gives a local path under an uploaded root: '/'-separated, NFC. */
export const remotePathOf = (relative: string): string => relative.split(path.sep).map((s) => s.normalize('NFC')).join('/');
