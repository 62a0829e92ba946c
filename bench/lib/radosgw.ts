// The bench's own throwaway radosgw (scripts/radosgw.sh): started detached from the terminal's process group, so a
// Ctrl-C reaches the bench (which then stops the daemons by pid through the script) rather than the daemons.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/radosgw.sh', import.meta.url));

export interface RadosgwInfo {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  dir: string;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, detached: boolean, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function installRadosgw(): Promise<void> {
  const r = await run('bash', [script, 'install'], process.env, false, 600_000);
  if (r.code !== 0) throw new Error(`radosgw install failed:\n${r.stderr.trim()}`);
}

/** Starts a cluster under `dir` with room for `memstoreBytes` of objects (held in RAM). */
export async function startRadosgw(dir: string, memstoreBytes: number): Promise<RadosgwInfo> {
  const env = { ...process.env, RADOSGW_MEMSTORE_BYTES: String(Math.round(memstoreBytes)) };
  const r = await run('bash', [script, 'start', dir], env, true, 180_000);
  if (r.code !== 0) throw new Error(`radosgw did not start (exit ${String(r.code)}):\n${r.stderr.trim().split('\n').slice(-30).join('\n')}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const info = JSON.parse(line) as RadosgwInfo;
  return info;
}

/** Stops the daemons by the pids in `dir/run` and deletes `dir`. Safe to call when nothing runs. */
export async function stopRadosgw(dir: string): Promise<void> {
  const r = await run('bash', [script, 'stop', dir, '--purge'], process.env, true, 90_000);
  if (r.code !== 0) throw new Error(`radosgw stop failed:\n${r.stderr.trim()}`);
}

/** Deleted objects' tails stay in memstore (RAM) until garbage collection: run it now rather than in 30 s. */
export async function radosgwGc(info: RadosgwInfo): Promise<void> {
  const env = { ...process.env, CEPH_CONF: `${info.dir}/ceph.conf` };
  await run('radosgw-admin', ['-c', `${info.dir}/ceph.conf`, 'gc', 'process', '--include-all'], env, true, 120_000);
}
