// The Frame.io token's only home: the OS keychain (macOS Keychain, Windows Credential Manager, a Secret Service such
// as GNOME Keyring or KWallet on Linux), through @napi-rs/keyring. One entry per API base URL.
// When no keychain is reachable the app signs in for this session only (an in-memory store): there is deliberately
// no plaintext-file fallback. This module never logs, never writes a file and never puts the token in an error.
// Plain Node (no electron import), so it is tested against a real keychain without Electron.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';

export const KEYCHAIN_SERVICE = 'io.ferry.uploader';

/** The keychain could not be reached or refused the operation. The message never contains the token. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

export interface TokenStore {
  /** 'keychain': the OS keychain; 'session': memory only, gone when the app quits. */
  readonly kind: 'keychain' | 'session';
  /** True when a stored token survives a restart of the app. */
  readonly persistent: boolean;
  /** The token stored for this API base URL, or null when there is none. */
  get(apiUrl: string): Promise<string | null>;
  /** Stores (or replaces) the token for this API base URL. */
  set(apiUrl: string, token: string): Promise<void>;
  /** Removes the token for this API base URL; no error when there is none. */
  delete(apiUrl: string): Promise<void>;
}

export interface OpenedTokenStore {
  store: TokenStore;
  persistent: boolean;
  /** Why the keychain is not used (only when persistent is false): a sentence to show the user. */
  reason?: string;
}

export interface KeychainOptions {
  /** Keychain service name; tests use their own so they never touch a real sign-in. */
  service?: string;
  /** Abort a keychain call after this long (a locked keychain may be waiting on an unlock prompt). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 20_000;

/**
 * The keychain account for an API base URL: scheme + host (+ non-default port) + path without trailing slashes,
 * no query, fragment or credentials. `https://API.frame.io/v4/` and `https://api.frame.io/v4` are one entry.
 */
export function normaliseApiUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    throw new TypeError(`Not an API URL: ${JSON.stringify(apiUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Not an http(s) API URL: ${url.protocol}`);
  }
  if (url.username || url.password) throw new TypeError('The API URL must not contain credentials');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

function checkToken(token: string): void {
  if (typeof token !== 'string' || token.trim() === '') throw new TypeError('The token is empty');
  if (/[\r\n\0]/.test(token)) throw new TypeError('The token contains a line break or NUL character');
}

/** The library's message, with the token removed should it ever appear in it. */
function describe(error: unknown, secret?: string): string {
  let message = error instanceof Error ? error.message : String(error);
  if (secret) message = message.split(secret).join('[redacted]');
  return message;
}

// On Linux, require the Secret Service: the library's default falls back to the kernel keyring, which forgets
// everything at reboot and would make a session-only sign-in look persistent.
const ENTRY_OPTIONS: EntryOptions | undefined =
  process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

export function createKeychainTokenStore(options: KeychainOptions = {}): TokenStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function run<T>(what: string, apiUrl: string, op: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>, secret?: string): Promise<T> {
    const account = normaliseApiUrl(apiUrl);
    try {
      // The constructor itself throws when no Secret Service is reachable.
      const entry = new AsyncEntry(service, account, ENTRY_OPTIONS);
      return await op(entry, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      throw new KeychainUnavailableError(`Could not ${what} the token for ${account} in the OS keychain: ${describe(error, secret)}`);
    }
  }

  return {
    kind: 'keychain',
    persistent: true,
    get: (apiUrl) => run('read', apiUrl, (entry, signal) => entry.getPassword(signal)),
    async set(apiUrl, token) {
      checkToken(token);
      await run('store', apiUrl, (entry, signal) => entry.setPassword(token, signal), token);
    },
    async delete(apiUrl) {
      await run('delete', apiUrl, (entry, signal) => entry.deletePassword(signal));
    },
  };
}

/** Memory only: the fallback when there is no keychain. Never a file. */
export function createSessionTokenStore(): TokenStore {
  const tokens = new Map<string, string>();
  return {
    kind: 'session',
    persistent: false,
    get: async (apiUrl) => tokens.get(normaliseApiUrl(apiUrl)) ?? null,
    async set(apiUrl, token) {
      checkToken(token);
      tokens.set(normaliseApiUrl(apiUrl), token);
    },
    async delete(apiUrl) {
      tokens.delete(normaliseApiUrl(apiUrl));
    },
  };
}

/**
 * Checks that the keychain really works (stores, reads back and deletes a random probe value) and returns it;
 * otherwise the session store and a reason to show the user.
 */
export async function openTokenStore(options: KeychainOptions = {}): Promise<OpenedTokenStore> {
  const keychain = createKeychainTokenStore({ timeoutMs: PROBE_TIMEOUT_MS, ...options });
  const probeUrl = 'https://ferry-keychain-probe.invalid';
  const probeValue = `probe-${crypto.randomUUID()}`;
  let failure: string | undefined;
  try {
    await keychain.set(probeUrl, probeValue);
    const readBack = await keychain.get(probeUrl);
    if (readBack !== probeValue) failure = 'the keychain did not return what was stored';
  } catch (error) {
    failure = describe(error, probeValue);
  } finally {
    await keychain.delete(probeUrl).catch(() => undefined);
  }
  if (failure === undefined) {
    return { store: createKeychainTokenStore(options), persistent: true };
  }
  const hint =
    process.platform === 'linux'
      ? ' On Linux this needs a running, unlocked Secret Service (GNOME Keyring or KWallet) on the D-Bus session.'
      : '';
  return {
    store: createSessionTokenStore(),
    persistent: false,
    reason: `The OS keychain is not available, so your Frame.io token will only be kept until Ferry quits ` +
      `(it is never written to disk).${hint} Details: ${failure}`,
  };
}
