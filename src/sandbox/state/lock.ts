import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'sandbox.lock';

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/**
 * Each sandbox keeps its state in memory and rewrites state.json, so two on one folder would silently
 * overwrite each other. The lock file (created exclusively, holding our pid) makes the second one fail
 * instead; a lock whose process is gone was left by a crash and is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  // Two attempts: the second follows removing a stale lock. If another starter raced us to it, we lose cleanly.
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return { path, release: () => releaseLock(path) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(path);
    if (holder !== undefined && isAlive(holder)) {
      throw new Error(`the sandbox data folder ${dataDir} is in use by process ${holder}; stop it or choose another --data folder`);
    }
    if (attempt >= 1) throw new Error(`could not take over the stale lock ${path}`);
    await rm(path, { force: true });
  }
}

async function releaseLock(path: string): Promise<void> {
  // Only remove our own lock: after a stale takeover by someone else the file is theirs.
  if ((await readHolder(path)) === process.pid) await rm(path, { force: true });
}

/** The pid in the lock file; undefined when the file is gone or unreadable (a crash between create and write). */
async function readHolder(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks existence and permission
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
