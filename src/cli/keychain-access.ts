// The CLI's side of the OS keychain (core/auth/keychain.ts): one entry per API URL, shared with the desktop app,
// holding a pasted token or an Adobe sign-in. Reading never writes; `ferry login` first proves the keychain keeps
// what it is given. There is no file fallback: with no keychain (a headless server) FRAMEIO_TOKEN is the way.
import { createHash } from 'node:crypto';
import type { TokenStore } from '../core/auth/keychain';
import { parseStoredCredential, type StoredCredential } from '../core/auth/stored-credential';
import { CliError } from './cli-error';

/** Reading a locked keychain may wait on an unlock prompt; a command should not hang on it for a minute. */
const READ_TIMEOUT_MS = 20_000;

/** The keychain module and its native binding, loaded only by a command that looks in the keychain: an upload given
 * a token never loads it (issue 14: ~10 MB of RSS at start-up; the bundle keeps it in a chunk of its own). */
const keychain = () => import('../core/auth/keychain');

/** The keychain service: the app's, unless FERRY_KEYCHAIN_SERVICE names another (tests, so they never touch a real
 * sign-in; several isolated setups on one machine). */
const keychainService = (service: string): string => process.env.FERRY_KEYCHAIN_SERVICE || service;

export async function keychainStore(): Promise<TokenStore> {
  const { KEYCHAIN_SERVICE, createKeychainTokenStore } = await keychain();
  return createKeychainTokenStore({ service: keychainService(KEYCHAIN_SERVICE), timeoutMs: READ_TIMEOUT_MS });
}

/** The keychain entry of `ferry --sandbox login`: named after the sandbox's data folder, not its address, whose port
 * may change from one run to the next (the sign-in lives in the data folder's state). */
export const sandboxKeychainKey = (dataDir: string): string =>
  `http://sandbox.ferry.invalid/${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}/v4`;

/** Why the keychain could not be used, in words a person can act on: libsecret's own error (a D-Bus autolaunch
 * message, a platform failure code) says nothing to someone who only wanted to run `ferry ls`. */
export function keychainProblem(message: string): string {
  if (/d-?bus|secret service|org\.freedesktop\.secrets/i.test(message)) return 'no D-Bus session with GNOME Keyring or KWallet is running here';
  if (/timed? ?out/i.test(message)) return 'the keychain did not answer in time (is it locked, waiting for a password?)';
  if (/locked/i.test(message)) return 'the keychain is locked';
  const first = message.split(/(?<=\.)\s|\n/)[0] ?? message;
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}

export type StoredLookup =
  | { found: true; store: TokenStore; credential: StoredCredential }
  /** Nothing usable: `why` says whether there is no keychain, no entry, or an entry Ferry cannot read. */
  | { found: false; why: string };

/** The credential kept under this entry (an API URL, or sandboxKeychainKey), if the keychain is there and has one. */
export async function storedCredentialFor(apiUrl: string): Promise<StoredLookup> {
  const store = await keychainStore();
  let stored: string | null;
  try {
    stored = await store.get(apiUrl);
  } catch (error) {
    return { found: false, why: `no OS keychain to look in: ${keychainProblem((error as Error).message)}` };
  }
  if (stored === null) return { found: false, why: `no sign-in kept for ${apiUrl}` };
  const credential = parseStoredCredential(stored);
  if (!credential) return { found: false, why: `the keychain entry for ${apiUrl} is not one Ferry can read` };
  return { found: true, store, credential };
}

/** The keychain, checked to keep what it is given; otherwise a CliError saying to use FRAMEIO_TOKEN. */
export async function writableKeychain(): Promise<TokenStore> {
  const { KEYCHAIN_SERVICE, openTokenStore } = await keychain();
  const opened = await openTokenStore({ service: keychainService(KEYCHAIN_SERVICE) });
  if (opened.persistent) return opened.store;
  const details = keychainProblem(opened.reason?.split('Details: ')[1] ?? opened.reason ?? 'unknown reason');
  throw new CliError(
    `There is no OS keychain here to keep a sign-in in (${details}). Ferry never writes a sign-in to a file: on a ` +
      'server without a keychain, pass a token with FRAMEIO_TOKEN (or --token) instead.',
  );
}
