// Runs the real `ferry` command in a child process, as a user or a script would.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait';
import type { ReportCounts } from '../../src/cli/batch-report';

export const FERRY_BIN = fileURLToPath(new URL('../../bin/ferry.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `ferry`: its output so far, its stdin (a pipe, not a terminal), and how it ended. */
export interface SpawnedFerry {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<CliResult>;
}

/** Starts the real CLI; FRAMEIO_TOKEN/FRAMEIO_API from the test's own environment never leak in. Killed after
 * `timeoutMs` so a hung run fails its test instead of stalling the suite. */
export function spawnFerry(args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): SpawnedFerry {
  const child = spawn(process.execPath, [FERRY_BIN, ...args], { env: { ...process.env, FRAMEIO_TOKEN: '', FRAMEIO_API: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
  };
}

/** Runs `ferry` to the end with nothing on its stdin. */
export function runFerry(args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): Promise<CliResult> {
  const run = spawnFerry(args, env, timeoutMs);
  run.child.stdin.end();
  return run.done;
}

/** Starts `ferry`, waits until `when` holds (a part on the wire, a part journaled…), then sends Ctrl-C (SIGINT) and
 * resolves with how it ended. A run still alive afterwards (the test failed meanwhile) is killed: nothing leaks. */
export async function interruptFerry(args: string[], env: Record<string, string>, when: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<CliResult> {
  const run = spawnFerry(args, env);
  run.child.stdin.end();
  try {
    await waitFor(async () => (await when()) || run.child.exitCode !== null, what, timeoutMs);
    if (run.child.exitCode !== null) throw new Error(`ferry ended before ${what} (exit ${run.child.exitCode}): ${run.stderr}`);
    run.child.kill('SIGINT');
    return await run.done;
  } finally {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  }
}

/** What `ferry upload --json` prints: the CLI's own counts, then the files and the rest. */
export interface UploadSummary extends ReportCounts {
  files: Array<{ path: string; remote_path: string; asset_id: string | null; size: number | null; xx_hash: string | null; outcome: string; retries: number; version_of?: string; error?: string }>;
  skipped_junk?: string[];
  /** What the session's pacer counted (API calls only; part PUTs are not API calls). */
  api_calls?: { total: number; per_file: number | null; retried: number; throttled: number; by_bucket: Record<string, number> };
}

export function parseSummary(result: CliResult): UploadSummary {
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as UploadSummary;
  } catch {
    throw new Error(`no JSON summary (exit ${result.code}); stdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}
