import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../util/atomic-json.js';

// The ports a data folder's sandbox listened on last (`rememberPorts`): part URLs are signed for the storage port, so
// an upload journaled against one run can only continue against a sandbox on the same ports.
const PORTS_FILE = 'ports.json';

export interface RememberedPorts {
  api: number;
  /** Absent in external S3 mode, where storage is not ours. */
  storage?: number;
}

const isPort = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0 && (n as number) < 65_536;

/** The ports last written to `dataDir`, or undefined when there are none (or the file is not ours to trust). */
export function readPorts(dataDir: string): RememberedPorts | undefined {
  let raw: unknown;
  try {
    raw = readJsonIfExists(join(dataDir, PORTS_FILE));
  } catch {
    return undefined; // unreadable or torn: start on new ports, as on a first run
  }
  const { api, storage } = (raw ?? {}) as Partial<Record<keyof RememberedPorts, unknown>>;
  if (!isPort(api)) return undefined;
  return isPort(storage) ? { api, storage } : { api };
}

export function writePorts(dataDir: string, ports: RememberedPorts): void {
  writeJsonAtomic(join(dataDir, PORTS_FILE), ports);
}
