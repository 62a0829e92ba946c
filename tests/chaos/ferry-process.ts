// The `ferry` command as the chaos run drives it: one child process at a time per drop, its pid kept so it is killed
// by pid (kill -9 on purpose, or SIGKILL when the run stops early), its --json summary read for the files' outcomes.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FERRY_BIN = fileURLToPath(new URL('../../bin/ferry.mjs', import.meta.url));
let snapshot: string | null = null;

/** Runs `ferry` from this bundle (the run's snapshot of the CLI) instead of bin/ferry.mjs. */
export function useCli(bundle: string): void {
  snapshot = bundle;
}

/** The command line: the snapshot's main called as bin/ferry.mjs calls it, or bin/ferry.mjs itself. */
function commandLine(args: string[]): string[] {
  if (!snapshot) return [FERRY_BIN, ...args];
  const start = `const { main } = await import(${JSON.stringify(pathToFileURL(snapshot).href)}); await main(process.argv);`;
  return ['--input-type=module', '-e', start, 'ferry', ...args];
}

export interface FileOutcome {
  path: string;
  outcome: string;
  error?: string;
}

export interface FerryResult {
  code: number | null;
  killed: boolean;
  /** The files of the last JSON summary line (none when killed). */
  files: FileOutcome[];
  unfinished: number;
  stdout: string;
  stderr: string;
}

/** A ferry process that runs this long is stuck (a bug the run must not hang on): it is killed and said so. */
const WATCHDOG_MS = 15 * 60_000;

/** Every ferry process alive, so the run can stop them all by pid whatever happens. */
export const running = new Set<ChildProcess>();

export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

export class FerryProcess {
  private readonly child: ChildProcess;
  private stdout = '';
  private stderr = '';
  private killedOnPurpose = false;
  readonly exited: Promise<FerryResult>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, commandLine(args), {
      env: { ...process.env, FRAMEIO_API: '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.child);
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    const watchdog = setTimeout(() => {
      this.stderr += `\nchaos: ferry ${args.join(' ')} ran ${WATCHDOG_MS / 60_000} minutes; killed as stuck\n`;
      this.child.kill('SIGKILL');
    }, WATCHDOG_MS);
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code) => {
        clearTimeout(watchdog);
        running.delete(this.child);
        resolve(this.result(code));
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no chance to write the journal, close sockets or say anything. */
  kill(): boolean {
    if (!this.alive) return false;
    this.killedOnPurpose = true;
    return this.child.kill('SIGKILL');
  }

  private result(code: number | null): FerryResult {
    const summaries = this.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as { files?: FileOutcome[]; unfinished?: number; batches?: unknown[] };
        } catch {
          return {};
        }
      });
    const files = summaries.flatMap((s) => s.files ?? []);
    const unfinished = summaries.reduce((n, s) => n + (s.unfinished ?? 0), 0);
    return { code, killed: this.killedOnPurpose, files, unfinished, stdout: this.stdout, stderr: this.stderr };
  }
}

/** Runs `ferry <args>` to the end. */
export const ferry = (args: string[], env: Record<string, string>): Promise<FerryResult> => new FerryProcess(args, env).exited;
