// Signing in with Adobe from a terminal. The authorize page ends on a redirect to the app's own scheme (adobe+…://),
// which a terminal cannot receive, so the person pastes that address (or just its code) back: it is checked against
// this attempt's state, exchanged with this attempt's verifier, and the credential returned. Used by `ferry login` and
// when a long upload needs a new sign-in. The prompt goes to stderr; the answer is one line of stdin (a test pipes it).
import { spawn } from 'node:child_process';
import { beginSignIn } from '../core/auth/sign-in-attempt';
import type { ImsConfig } from '../core/auth/ims-config';
import type { AdobeCredential } from '../core/auth/stored-credential';

export interface PasteIo {
  input: NodeJS.ReadableStream & { readableEnded?: boolean; unshift?(chunk: Buffer): void };
  output: NodeJS.WritableStream;
  /** Try to open the page in the browser (a person at a terminal, FERRY_NO_BROWSER unset). */
  openBrowser: boolean;
}

/** A person at a terminal: stdin and stderr are both a TTY. */
export const atTerminal = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

export const terminalIo = (): PasteIo => ({
  input: process.stdin,
  output: process.stderr,
  openBrowser: atTerminal() && !process.env.FERRY_NO_BROWSER,
});

const MAX_LINE = 16_384;

/** One line of `input` (without its line break); null when the input ended with nothing on it. */
export function readLine(input: PasteIo['input']): Promise<string | null> {
  if (input.readableEnded) return Promise.resolve(null);
  return new Promise((resolve) => {
    let text = '';
    const finish = (line: string | null, rest = '') => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onEnd);
      input.pause();
      if (rest && input.unshift) input.unshift(Buffer.from(rest)); // the next prompt's answer, pasted early
      resolve(line === null ? null : line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) finish(text.slice(0, end), text.slice(end + 1));
      else if (text.length > MAX_LINE) finish(text.slice(0, MAX_LINE));
    };
    const onEnd = () => finish(text.length ? text : null);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    input.resume();
  });
}

/** Opens `url` in the default browser; never fails (no browser, no display: the printed address is there). */
export function openInBrowser(url: string): void {
  // Not `cmd /c start`: cmd would read the URL's `&` as a command separator.
  const [command, args]: [string, string[]] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the address is printed; that is enough
  }
}

/** "adobe+ferrysandbox://…": how the address to paste begins. */
const startOf = (redirectUri: string): string => `${new URL(redirectUri).protocol}//…`;

export interface PasteOptions {
  /** The line before the address (why a sign-in is needed). */
  intro?: string;
  /** What an empty answer does, said in the prompt ("press Enter to stop"). */
  emptyAnswer?: string;
}

/** Runs one sign-in: the credential, or null when the person gives no answer. Throws ImsError for a wrong paste, a
 * refusal or a failed exchange (nothing is kept then). */
export async function pasteSignIn(config: ImsConfig, io: PasteIo, options: PasteOptions = {}): Promise<AdobeCredential | null> {
  const attempt = beginSignIn(config);
  const say = (text: string) => io.output.write(`${text}\n`);
  say(options.intro ?? 'Sign in with Adobe in a browser — this address, on this computer or any other:');
  say(`  ${attempt.url}`);
  if (io.openBrowser) {
    openInBrowser(attempt.url);
    say('(Opening it in your browser.)');
  }
  say(
    `After you press Allow, the browser is sent to an address starting with ${startOf(config.redirectUri)} that only the ` +
      'desktop app can open, so nothing seems to happen. Copy that address: from the address bar, the "open this app?" ' +
      "dialog, or the browser's developer tools (Network tab, the last request's Location).",
  );
  io.output.write(`Paste the address your browser was sent to (it starts with ${startOf(config.redirectUri)}), or the code${options.emptyAnswer ? ` (${options.emptyAnswer})` : ''}: `);
  const answer = await readLine(io.input);
  if (!(io.input as { isTTY?: boolean }).isTTY) io.output.write('\n'); // a terminal has echoed the Enter already
  if (answer === null || answer.trim() === '') return null;
  return attempt.finish(answer);
}
