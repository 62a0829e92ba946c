// Runs the real `ferry` command in a child process, as a user or a script would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FERRY_BIN = fileURLToPath(new URL('../../bin/ferry.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runFerry(args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], {
      env: { ...process.env, FRAMEIO_TOKEN: '', FRAMEIO_API: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface UploadSummary {
  batch_id: string;
  completed: number;
  skipped: number;
  failed: number;
  canceled: number;
  unfinished: number;
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
