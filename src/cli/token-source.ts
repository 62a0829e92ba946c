// Where a token given for this command comes from. `--token` shows in process listings (`ps`, /proc) to every user
// of the machine (review finding 5), so the token can also come from stdin (`--token-stdin`, hidden when typed at a
// terminal) or an inherited file descriptor (`--token-fd 3`, e.g. `3< token-file`), or FRAMEIO_TOKEN.
import { createReadStream } from 'node:fs';
import { CliError } from './cli-error';
import { readHidden } from './token-prompt';

export interface TokenOptions {
  token?: string;
  tokenStdin?: boolean;
  tokenFd?: number;
}

export interface GivenToken {
  token: string;
  /** '--token', '--token-stdin', '--token-fd 3' or 'FRAMEIO_TOKEN': what `ferry whoami` names. */
  source: string;
}

const MAX_TOKEN_BYTES = 64 * 1024;

async function readAll(stream: NodeJS.ReadableStream, what: string): Promise<string> {
  let text = '';
  try {
    for await (const chunk of stream) {
      text += chunk.toString();
      if (text.length > MAX_TOKEN_BYTES) throw new CliError(`${what}: more than ${MAX_TOKEN_BYTES} bytes, which is no token.`, 2);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${what}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 2);
  }
  return text;
}

/** The first line, trimmed; a CliError when there is nothing. */
function firstLine(text: string | null, what: string, where: string): string {
  const token = (text ?? '').split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
  if (!token) throw new CliError(`${what}: no token was given on ${where}.`, 2);
  return token;
}

/** The token given to this command, or null when none was (the keychain is next). */
export async function givenToken(options: TokenOptions): Promise<GivenToken | null> {
  const ways = [options.token !== undefined, Boolean(options.tokenStdin), options.tokenFd !== undefined].filter(Boolean).length;
  if (ways > 1) throw new CliError('Give the token one way: one of --token, --token-stdin or --token-fd.', 2);
  if (options.token !== undefined) return { token: options.token, source: '--token' };
  if (options.tokenStdin) {
    const text = process.stdin.isTTY ? await readHidden('Frame.io token (it is not shown): ') : await readAll(process.stdin, '--token-stdin');
    return { token: firstLine(text, '--token-stdin', 'stdin'), source: '--token-stdin' };
  }
  if (options.tokenFd !== undefined) {
    const what = `--token-fd ${options.tokenFd}`;
    const text = await readAll(createReadStream('', { fd: options.tokenFd }), what);
    return { token: firstLine(text, what, `descriptor ${options.tokenFd}`), source: what };
  }
  return process.env.FRAMEIO_TOKEN ? { token: process.env.FRAMEIO_TOKEN, source: 'FRAMEIO_TOKEN' } : null;
}
