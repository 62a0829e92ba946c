// The link profiles' workloads, seeded and reproducible: a large file; a camera card (a few dozen clips of 2–100 MB,
// log-uniform, in a card's nested folders); a stills/sound folder (1,000 files of 20 KB–2 MB, log-uniform, ten
// folders). Generated once into the data folder and reused when complete. Before each timed run the bench evicts
// them from the page cache (posix_fadvise DONTNEED per file, after fdatasync: no root needed, nothing else's cache
// touched), so reads come from disk.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { ensureRandomFile, keystream, prng } from './dataset.js';
import type { Target } from './tools.js';

export type WorkloadId = 'large' | 'card' | 'stills';

export interface Workload {
  id: WorkloadId;
  title: string;
  target: Target;
  /** every file's path (for cache eviction) */
  paths: string[];
  /** stills only: the first files of the same folder, which the serial SDK pattern sends (its time is scaled up) */
  sdkSample?: Workload;
}

export interface WorkloadSizes {
  largeMiB: number;
  cardFiles: number;
  stillsFiles: number;
  /** how many of the stills the SDK pattern sends (one file at a time: 1,000 would take ~10 min at 120 ms) */
  sdkStills: number;
}

export const CARD_SEED = 3;
export const STILLS_SEED = 1000;
const CARD_DIRS = ['DCIM/100MEDIA', 'DCIM/101MEDIA', 'PRIVATE/M4ROOT/CLIP'];

function logUniform(rand: () => number, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min))));
}

/** Relative paths and sizes of a seeded tree: file i goes in folder i mod dirs. */
export function treePlan(count: number, min: number, max: number, seed: number, dirs: string[], prefix: string, ext: string): { rel: string; size: number }[] {
  const rand = prng(seed);
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => ({
    rel: join(dirs[i % dirs.length] as string, `${prefix}${String(i).padStart(width, '0')}${ext}`),
    size: logUniform(rand, min, max),
  }));
}

async function ensureTree(root: string, plan: { rel: string; size: number }[], seed: string): Promise<string[]> {
  const next = keystream(seed);
  const paths: string[] = [];
  for (const f of plan) {
    const path = join(root, f.rel);
    paths.push(path);
    const bytes = next(f.size); // always drawn: a file's content does not depend on which others existed
    const have = await stat(path).then((s) => s.size, () => -1);
    if (have === f.size) continue;
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(path);
    out.end(bytes);
    await once(out, 'finish');
  }
  return paths;
}

function folder(id: WorkloadId, title: string, root: string, name: string, plan: { size: number }[], paths: string[]): Workload {
  const bytes = plan.reduce((s, f) => s + f.size, 0);
  return { id, title, target: { kind: 'small', path: root, name, files: plan.length, bytes }, paths };
}

export async function ensureWorkloads(dataDir: string, sizes: WorkloadSizes): Promise<Workload[]> {
  const largeBytes = sizes.largeMiB * 1024 * 1024;
  const largePath = join(dataDir, `large-${sizes.largeMiB}MiB.bin`);
  await ensureRandomFile(largePath, largeBytes, 'large');
  const card = treePlan(sizes.cardFiles, 2e6, 100e6, CARD_SEED, CARD_DIRS, 'C', '.MP4');
  const cardRoot = join(dataDir, `card${sizes.cardFiles}`);
  const cardPaths = await ensureTree(cardRoot, card, `card:${CARD_SEED}`);
  const stillDirs = Array.from({ length: 10 }, (_, i) => `roll${String(i + 1).padStart(2, '0')}`);
  const stills = treePlan(sizes.stillsFiles, 20e3, 2e6, STILLS_SEED, stillDirs, 'IMG_', '.bin');
  const stillsRoot = join(dataDir, `stills${sizes.stillsFiles}`);
  const stillsPaths = await ensureTree(stillsRoot, stills, `stills:${STILLS_SEED}`);
  // The same first files (same sizes, same bytes, same folders) in a folder of their own.
  const sample = treePlan(Math.min(sizes.sdkStills, sizes.stillsFiles), 20e3, 2e6, STILLS_SEED, stillDirs, 'IMG_', '.bin');
  const sampleRoot = join(dataDir, `stills${sizes.stillsFiles}-first${sample.length}`);
  const samplePaths = await ensureTree(sampleRoot, sample, `stills:${STILLS_SEED}`);
  return [
    { id: 'large', title: `Large file, ${sizes.largeMiB} MiB`, target: { kind: 'large', path: largePath, name: `large-${sizes.largeMiB}MiB.bin`, files: 1, bytes: largeBytes }, paths: [largePath] },
    folder('card', `Camera card, ${card.length} clips`, cardRoot, `card${sizes.cardFiles}`, card, cardPaths),
    {
      ...folder('stills', `Stills/sound, ${stills.length} files`, stillsRoot, `stills${sizes.stillsFiles}`, stills, stillsPaths),
      sdkSample: folder('stills', `first ${sample.length} stills`, sampleRoot, `stills${sizes.stillsFiles}-first${sample.length}`, sample, samplePaths),
    },
  ];
}

const EVICT_PY = [
  'import os, sys',
  'for p in sys.stdin.read().split("\\0"):',
  '    if not p: continue',
  '    fd = os.open(p, os.O_RDONLY)',
  '    os.fdatasync(fd)',
  '    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)',
  '    os.close(fd)',
].join('\n');

/** Drops these files' pages from the page cache (written out first), so the next upload reads them from disk. */
export function evictFromCache(paths: string[]): void {
  spawnSync('python3', ['-c', EVICT_PY], { input: paths.join('\0'), stdio: ['pipe', 'ignore', 'inherit'] });
}

/** Share of these files' bytes in the page cache (fincore), 0..1; NaN when fincore is missing. */
export function cachedShare(paths: string[], totalBytes: number): number {
  const r = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', ...paths.slice(0, 2000)], { encoding: 'utf8' });
  if (r.status !== 0) return NaN;
  const res = r.stdout.split('\n').reduce((s, l) => s + (Number(l.trim()) || 0), 0);
  return res / totalBytes;
}
