// The real `ferry` on a terminal: util-linux `script` gives it a pseudo-terminal (stdin, stdout and stderr are all
// TTYs, the terminal echoes what is typed unless the program turns echo off), and the test types into it.
import { spawn } from 'node:child_process';
import { FERRY_BIN } from '../../support/cli';
import { waitFor } from '../../support/wait';

export interface OnTerminal {
  /** Everything the terminal showed so far (the program's output and the terminal's echo of what was typed). */
  readonly screen: string;
  /** Types a line and presses Enter. */
  type(line: string): void;
  /** Presses keys as they are, e.g. '\x03' (Ctrl-C: the terminal sends SIGINT to the program). */
  press(keys: string): void;
  /** Waits until the screen (from `from` on) matches `pattern`; returns the match. */
  waitFor(pattern: RegExp, what: string, from?: number, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<number | null>;
}

const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

export function onTerminal(args: string[], env: Record<string, string>, timeoutMs = 120_000): OnTerminal {
  const command = [process.execPath, FERRY_BIN, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, FRAMEIO_TOKEN: '', FRAMEIO_API: '', FERRY_NO_BROWSER: '1', TERM: 'xterm', COLUMNS: '120', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return {
    get screen() {
      return screen;
    },
    type: (line) => child.stdin.write(`${line}\r`),
    press: (keys) => child.stdin.write(keys),
    async waitFor(pattern, what, from = 0, waitMs = 60_000) {
      let match: RegExpExecArray | null = null;
      await waitFor(() => (match = pattern.exec(screen.slice(from))) !== null || child.exitCode !== null, what, waitMs).catch((error: Error) => {
        throw new Error(`${error.message}; the terminal shows:\n${screen.slice(-2000)}`);
      });
      if (!match) throw new Error(`the terminal never showed ${what} (exit ${child.exitCode}):\n${screen}`);
      return match;
    },
    done,
  };
}
