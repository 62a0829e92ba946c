// After a 401 mid-batch, on a terminal: ask for a new token instead of failing every file. Off a terminal there is
// no one to ask, so the batch stops and stays journaled for `ferry resume`.
import { createInterface } from 'node:readline/promises';
import type { TokenRequest } from '../core/net/credentials';

export function terminalTokenPrompt(before: () => void, after: () => void): TokenRequest | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return async () => {
    before();
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question('\nFrame.io rejected the token (401). Paste a new token to continue, or press Enter to stop: ');
      return answer.trim() || null;
    } finally {
      rl.close();
      after();
    }
  };
}
