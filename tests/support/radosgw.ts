// Test helper: a throwaway real S3 server (Ceph radosgw on a one-node memstore cluster), see scripts/radosgw.sh.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const script = fileURLToPath(new URL('../../scripts/radosgw.sh', import.meta.url));

export interface Radosgw {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** Stops the daemons (by pid) and deletes the cluster's folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** True when the `radosgw` binary is on PATH (install it with `bash scripts/radosgw.sh install`). */
export function radosgwAvailable(): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, 'radosgw'), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

function errorText(error: unknown): string {
  const e = error as { message?: string; stderr?: string };
  return [e.message ?? String(error), e.stderr?.trim()].filter(Boolean).join('\n');
}

/** Starts a cluster whose files all live under `dir` (default: a fresh temp folder). Takes a few seconds. */
export async function startRadosgw(dir?: string): Promise<Radosgw> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'ferry-radosgw-')));
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('bash', [script, 'start', root], { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }));
  } catch (error) {
    // The script stops whatever it started when it fails.
    await rm(root, { recursive: true, force: true });
    throw new Error(`radosgw did not start:\n${errorText(error)}`, { cause: error });
  }
  const line = stdout.trim().split('\n').pop() ?? '';
  const info = JSON.parse(line) as { endpoint: string; accessKey: string; secretKey: string; dir: string };
  let stopped: Promise<void> | undefined;
  return {
    endpoint: info.endpoint,
    accessKey: info.accessKey,
    secretKey: info.secretKey,
    stop() {
      stopped ??= (async () => {
        await execFileAsync('bash', [script, 'stop', root], { timeout: 60_000 });
        await rm(root, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
