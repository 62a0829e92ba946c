// One measured process: wall time (hrtime around spawn → exit), and user+sys CPU seconds and peak RSS from
// GNU time (wait4 rusage: the process and every descendant it waited for; peak RSS is the largest single one).
// Each command runs in its own process group, so a Ctrl-C on the terminal reaches the bench, which then ends the
// group it started by its id.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallS: number;
  userS: number;
  sysS: number;
  maxRssMB: number;
  stdout: string;
  stderr: string;
  /** CPU seconds spent by the bench's own process (the in-process sandbox API) while the command ran. */
  benchCpuS: number;
}

const GNU_TIME = '/usr/bin/time';
const running = new Set<number>();

/** Ends every process group this module started and that still runs (SIGTERM, then SIGKILL after 3 s). */
export function killRunning(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3_000).unref();
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

export function measure(cmd: string, args: string[], opts: RunOptions = {}): Promise<ProcResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-time-'));
  const out = join(dir, 'time.txt');
  return new Promise<ProcResult>((resolve, reject) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const child = spawn(GNU_TIME, ['-f', '%U %S %M', '-o', out, cmd, ...args], {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          if (pid !== undefined) {
            try {
              process.kill(-pid, 'SIGKILL');
            } catch {
              // gone
            }
          }
        }, opts.timeoutMs)
      : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = process.cpuUsage(cpu0);
      if (timer) clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      let userS = NaN;
      let sysS = NaN;
      let maxRssMB = NaN;
      try {
        // GNU time prefixes "Command exited with non-zero status N" when the command fails.
        const last = readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
        const [u, s, m] = last.split(/\s+/).map(Number);
        userS = u ?? NaN;
        sysS = s ?? NaN;
        maxRssMB = ((m ?? NaN) * 1024) / 1e6;
      } catch {
        // killed before GNU time wrote its line
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, wallS, userS, sysS, maxRssMB, stdout, stderr, benchCpuS: (cpu.user + cpu.system) / 1e6 });
    });
  });
}
