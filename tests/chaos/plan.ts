// What a chaos run will do, decided from the seed alone before anything starts: the files (sizes, awkward names,
// deep trees), grouped into drops, and for each drop the API it goes through, the fault rates the sandbox injects
// meanwhile, and the acts of the conductor (network cuts, token rotations, files changed mid-upload, kill -9 then
// `ferry resume`, cancel then upload again, an in-process engine's pause/resume/cancel/retry storm). The same seed
// always gives the same plan (a test checks it); only timing, which the machine decides, differs between runs.
import type { SandboxFaults } from '../../src/sandbox/index';
import { oddName } from './data';
import { Rng } from './prng';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface PlannedFile {
  /** Path under the drop's folder, '/'-separated (the local name, NFD where accented). */
  rel: string;
  size: number;
  /** The keystream the content comes from. */
  key: string;
}

export type Act =
  /** Storage unreachable for `ms`, then back (the proxy's listener closed, every connection cut). */
  | { kind: 'cut'; atPart: number; ms: number }
  /** The API token replaced: the uploader gets 401 and the drop is resumed with the new token. */
  | { kind: 'rotate'; atPart: number }
  /** One file of the drop rewritten (grown by `grow` bytes) while it may be uploading. */
  | { kind: 'change'; atPart: number; file: number; grow: number }
  /** kill -9 of the uploader, then `ferry resume`. */
  | { kind: 'kill'; atPart: number };

export interface Drop {
  index: number;
  api: 'v2' | 'v4';
  /** Who uploads it: the `ferry` command (kills, resume, cancel) or an in-process engine (pause/resume/cancel/retry storms). */
  driver: 'cli' | 'engine';
  folder: string;
  files: PlannedFile[];
  faults: SandboxFaults;
  /** Acts, in order of `atPart`: the part PUT attempts of this drop after which each happens. */
  acts: Act[];
  /** After a kill, cancel the batch and upload the drop again instead of resuming. */
  cancelAfterKill: boolean;
  /** The pause/resume/cancel/retry storm and stalled connections of an in-process engine (engine drops). */
  storm: StormAct[];
}

export interface StormAct {
  atPart: number;
  /** pause all (resumed `ms` later), cancel one file (retried later), retry what failed, stall up to 3 connections. */
  kind: 'pause' | 'cancel' | 'retry' | 'stall';
  ms: number;
  /** Which file, for a cancel: an index into the drop's files. */
  file: number;
}

export interface PlanOptions {
  seed: number;
  /** Largest file of the run (a few hundred MiB on a full run). */
  maxSize: number;
  /** Part size of the sandbox: small, so a file of a few MiB already has many parts (and faults). */
  partSize: number;
  /** Most files in one drop (at least 4; default 16). */
  maxFilesPerDrop?: number;
}

/** One drop of the plan: fixed by the seed and its index alone (the run asks for drops until it has its faults). */
export function planDrop(options: PlanOptions, index: number): Drop {
  const rng = new Rng(options.seed).fork(`drop/${index}`);
  const api = rng.chance(0.5) ? 'v2' : 'v4';
  // The first drop always goes through `ferry` and is killed: even the shortest run has a kill -9 and a resume.
  const driver = index > 0 && rng.chance(0.2) ? 'engine' : 'cli';
  const count = rng.int(4, Math.max(4, options.maxFilesPerDrop ?? 16));
  const files: PlannedFile[] = [];
  const dirs: string[] = [''];
  for (let i = 0; i < count; i++) {
    // Deep trees: sometimes a new folder under an existing one, up to 8 levels.
    if (rng.chance(0.3)) {
      const parent = rng.pick(dirs);
      if (parent.split('/').length < 8) dirs.push(`${parent}${parent ? '/' : ''}${oddName(rng, index * 100 + i, true)}`);
    }
    const dir = rng.pick(dirs);
    const big = rng.chance(0.003); // a few hundred MiB on a full run: about 6 of its 2,000 files
    // Sizes from 1 byte up: half of them small (1 B – 1 MiB), most others a few MiB (many parts, many faults).
    const medium = Math.min(options.maxSize, 16 * MiB);
    const size = big ? rng.int(Math.floor(options.maxSize / 2), options.maxSize) : rng.chance(0.5) ? rng.logInt(1, MiB) : rng.int(MiB, medium);
    files.push({ rel: `${dir}${dir ? '/' : ''}${oddName(rng, index * 100 + i)}`, size, key: `${options.seed}/${index}/${i}` });
  }
  const parts = files.reduce((n, f) => n + Math.max(1, Math.ceil(f.size / options.partSize)), 0);
  const acts: Act[] = [];
  const at = () => rng.int(0, Math.max(1, Math.floor(parts * 0.9)));
  if (rng.chance(0.5)) acts.push({ kind: 'cut', atPart: at(), ms: rng.int(200, 2500) });
  if (rng.chance(0.15)) acts.push({ kind: 'rotate', atPart: at() });
  if (rng.chance(0.2)) acts.push({ kind: 'change', atPart: at(), file: rng.int(0, count - 1), grow: rng.int(1, 64 * KiB) });
  if (index === 0) acts.push({ kind: 'kill', atPart: Math.floor(parts * rng.between(0.1, 0.4)) });
  else if (driver === 'cli' && rng.chance(0.5)) acts.push({ kind: 'kill', atPart: at() });
  acts.sort((a, b) => a.atPart - b.atPart);
  const faults: SandboxFaults = {
    seed: rng.u32(),
    put503: rng.between(0.02, 0.1),
    put500: rng.between(0.01, 0.06),
    putReset: rng.between(0.01, 0.06),
    putSlow: rng.between(0.01, 0.05),
    slowBytesPerSec: rng.int(512 * KiB, 4 * MiB),
    api429: rng.between(0.01, 0.08),
    retryAfterS: 1,
    expireUrls: rng.between(0, 0.004),
  };
  return {
    index,
    api,
    driver,
    folder: `drop ${String(index).padStart(4, '0')} ${oddName(rng, index, true)}`,
    files,
    faults,
    acts,
    cancelAfterKill: rng.chance(0.25),
    storm: driver === 'engine' ? stormOf(rng.fork('storm'), parts, count) : [],
  };
}

function stormOf(rng: Rng, parts: number, files: number): StormAct[] {
  const kinds = ['pause', 'pause', 'cancel', 'retry', 'stall'] as const;
  const acts = Array.from({ length: rng.int(5, 30) }, () => ({ atPart: rng.int(0, Math.max(1, Math.floor(parts * 0.9))), kind: rng.pick(kinds), ms: rng.int(20, 800), file: rng.int(0, files - 1) }));
  return acts.sort((a, b) => a.atPart - b.atPart);
}

/** The first `count` drops: what a test compares across two plans of the same seed. */
export const planDrops = (options: PlanOptions, count: number): Drop[] => Array.from({ length: count }, (_, i) => planDrop(options, i));
