// Asking for a secret on the terminal without showing it (review finding 5: a pasted token stayed on screen and in
// the scrollback). After a 401 mid-batch, on a terminal: ask for a new token instead of failing every file. Off a
// terminal there is no one to ask, so the batch stops and stays journaled for `ferry resume`.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { TokenRequest } from '../core/net/credentials';

/** One line typed at the terminal, not echoed (the terminal's echo is off while readline reads it); null on Ctrl-C or
 * when stdin ends. Ctrl-C is passed on to the process, so a running batch stops the way it always does. */
export function readHidden(question: string): Promise<string | null> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise<string | null>((resolve) => {
    let settled = false;
    const finish = (answer: string | null) => {
      if (settled) return;
      settled = true;
      muted = false;
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      finish(null);
      process.kill(process.pid, 'SIGINT');
    });
    rl.on('close', () => finish(null));
    rl.question(question, (answer) => finish(answer));
    muted = true; // the question is on screen; what is typed after it is not
  });
}

export function terminalTokenPrompt(before: () => void, after: () => void): TokenRequest | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return async () => {
    before();
    try {
      const answer = await readHidden('\nFrame.io rejected the token (401). Paste a new token to continue (it is not shown), or press Enter to stop: ');
      return answer?.trim() || null;
    } finally {
      after();
    }
  };
}
