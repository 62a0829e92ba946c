// Where the CLI keeps what must outlive a process: the upload journal (for `ferry resume`) and the default
// sandbox data. XDG locations on Linux; FERRY_STATE_DIR overrides (tests, ingest machines with a fixed layout).
import os from 'node:os';
import path from 'node:path';

export function stateDir(): string {
  if (process.env.FERRY_STATE_DIR) return process.env.FERRY_STATE_DIR;
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'ferry');
}

export const journalDir = (): string => path.join(stateDir(), 'journal');
