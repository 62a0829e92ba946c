import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Write temp + rename: a crash mid-write leaves the previous file intact, never a torn one.
 * The folder must exist: creating it here would resurrect a data folder that close() just removed.
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2));
  renameSync(tmp, path);
}

export function readJsonIfExists(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
