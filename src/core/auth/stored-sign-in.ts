// An Adobe sign-in kept in the keychain, shared by every process that uses it (two `ferry upload`s at once, the
// app): before refreshing, look whether another process did already. Its rotated refresh token is in the keychain
// and ours may be retired, and a retired refresh token presented again ends the whole sign-in (decision 0021), so
// the newer credential is adopted instead. Every new credential (a refresh, a sign-in again) is written back at once.
// When the sign-in cannot be renewed and nobody signs in again, later calls give up at once (no refresh storm).
import type { TokenRequest } from '../net/credentials';
import { adobeRenewer } from './adobe-renewal';
import type { ImsConfig } from './ims-config';
import type { TokenStore } from './keychain';
import { type AdobeCredential, parseStoredCredential, serializeCredential } from './stored-credential';

export interface StoredSignInOptions {
  /** The keychain (the desktop passes its vault, which writes only while its session is live). */
  store: Pick<TokenStore, 'get' | 'set'>;
  /** The keychain entry's API URL. */
  apiUrl: string;
  credential: AdobeCredential;
  /** Where a credential is refreshed (its IMS and client id; the sandbox's current address for --sandbox). */
  refreshConfig(credential: AdobeCredential): ImsConfig;
  /** The refresh token is missing or refused: the new sign-in, or null when there will be none. */
  signInAgain?(reason: string): Promise<AdobeCredential | null>;
  /** The keychain refused to keep a new credential: it works for this run only. */
  onSaveFailed?(error: unknown): void;
  now?: () => number;
}

export interface StoredSignIn {
  /** The session's renewer (Credentials.setRenewer). */
  renew: TokenRequest;
  /** The credential in use now. */
  current(): AdobeCredential;
  /** Why the sign-in ended with no new one, or null while it lives. */
  ended(): string | null;
}

export function storedSignIn(options: StoredSignInOptions): StoredSignIn {
  const now = options.now ?? Date.now;
  let current = options.credential;
  let ended: string | null = null;

  const save = async (credential: AdobeCredential): Promise<void> => {
    current = credential;
    try {
      await options.store.set(options.apiUrl, serializeCredential(credential));
    } catch (error) {
      options.onSaveFailed?.(error);
    }
  };
  const renewerFor = (credential: AdobeCredential): TokenRequest =>
    adobeRenewer({
      config: options.refreshConfig(credential),
      credential,
      save,
      now,
      async signInAgain(reason) {
        const again = (await options.signInAgain?.(reason)) ?? null;
        if (again) await save(again);
        else ended = reason;
        return again;
      },
    });
  let renewer = renewerFor(current);

  /** A credential another process wrote since ours: different, and good for longer. */
  async function newerInKeychain(): Promise<AdobeCredential | null> {
    const stored = await options.store.get(options.apiUrl).catch(() => null);
    const parsed = stored === null ? null : parseStoredCredential(stored);
    if (parsed?.kind !== 'adobe' || parsed.accessToken === current.accessToken) return null;
    return parsed.expiresAt > current.expiresAt ? parsed : null;
  }

  return {
    current: () => current,
    ended: () => ended,
    async renew() {
      if (ended !== null) return null;
      const newer = await newerInKeychain();
      if (newer) {
        current = newer;
        renewer = renewerFor(newer);
        if (newer.expiresAt > now()) return { token: newer.accessToken, expiresAt: newer.expiresAt };
      }
      return renewer();
    },
  };
}
