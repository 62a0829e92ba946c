// How a session proves who it is: a token given on the command line or in FRAMEIO_TOKEN (these win), or the
// credential kept in the OS keychain for the API — a pasted token, or an Adobe sign-in from `ferry login` that renews
// itself. Says which, so `ferry whoami` can tell, and builds the client that carries it.
import { ImsConfigError, imsConfigFrom, type ImsConfig } from '../core/auth/ims-config';
import type { AdobeCredential } from '../core/auth/stored-credential';
import { type ApiVersion, createClient } from '../core/frameio/create-client';
import type { FrameioClient } from '../core/frameio/types';
import { type AdobeSession, adobeSession } from './adobe-session';
import type { StoredLookup } from './keychain-access';
import { otherVersionUrl } from './session-urls';

export type SessionAuth =
  | { method: 'adobe'; adobe: AdobeSession }
  /** source: '--token', '--token-stdin', '--token-fd N', 'FRAMEIO_TOKEN' or 'keychain'. */
  | { method: 'token'; source: string }
  /** --sandbox with nobody signed in to it: its demo token. */
  | { method: 'sandbox' };

export interface SignedInClient {
  client: FrameioClient;
  auth: SessionAuth;
  /** Whether the same token signs in on the other API version (`…/v2` for a V4 session): what a 401 should advise. */
  tokenWorksOn(version: ApiVersion): Promise<boolean>;
}

export interface ClientContext {
  apiUrl: string;
  /** The keychain entry the credential is kept under (the API URL; a stable name for --sandbox). */
  keychainKey: string;
  accountId: string | null;
  onSlowDown(ms: number): void;
  /** Someone to ask for a new sign-in (a terminal, not --json). */
  interactive: boolean;
  notify(line: string): void;
  /** --sandbox: its own sign-in server, where its credentials refresh and sign in again. */
  sandboxIms?: ImsConfig;
}

const PROBE_TIMEOUT_MS = 10_000;

/** Asks `/me` of the other API version with the same token (same origin: the token goes nowhere new). */
function tokenProbe(apiUrl: string, token: string) {
  return async (version: ApiVersion): Promise<boolean> => {
    const probe = createClient({ apiUrl: otherVersionUrl(apiUrl, version), token });
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref());
    return Promise.race([probe.me().then(() => true, () => false), timeout]);
  };
}

export function tokenClient(ctx: ClientContext, token: string, auth: SessionAuth): SignedInClient {
  return {
    client: createClient({ apiUrl: ctx.apiUrl, token, accountId: ctx.accountId, onSlowDown: ctx.onSlowDown }),
    auth,
    tokenWorksOn: tokenProbe(ctx.apiUrl, token),
  };
}

/** Where to sign in again with Adobe: the sandbox's server, or the FERRY_IMS_* configuration (the credential's own
 * IMS and client id unless it names others); a sentence when there is none. */
function signInConfigFor(ctx: ClientContext, credential: AdobeCredential): ImsConfig | string {
  if (ctx.sandboxIms) return ctx.sandboxIms;
  try {
    return imsConfigFrom(process.env, { imsUrl: credential.imsUrl, clientId: credential.clientId }) ?? 'Adobe sign-in is not configured';
  } catch (error) {
    if (error instanceof ImsConfigError) return `${error.message} (see "Sign in with Adobe" in the README)`;
    throw error;
  }
}

/** The client for the keychain's credential. */
export function storedClient(ctx: ClientContext, stored: Extract<StoredLookup, { found: true }>): SignedInClient {
  const { credential } = stored;
  if (credential.kind === 'token') return tokenClient(ctx, credential.token, { method: 'token', source: 'keychain' });
  const client = createClient({ apiUrl: ctx.apiUrl, token: credential.accessToken, accountId: ctx.accountId, onSlowDown: ctx.onSlowDown });
  const adobe = adobeSession({
    client,
    store: stored.store,
    apiUrl: ctx.keychainKey,
    credential,
    // A refresh goes where the credential was issued (redirect URIs play no part in it); --sandbox: where the
    // sandbox listens now.
    refreshConfig: (c) => ctx.sandboxIms ?? { imsUrl: c.imsUrl, clientId: c.clientId, redirectUri: '' },
    signInConfig: signInConfigFor(ctx, credential),
    interactive: ctx.interactive,
    notify: ctx.notify,
  });
  // An Adobe access token is V4's: the V2 API would not take it, so a 401 needs a new sign-in, not another API.
  return { client, auth: { method: 'adobe', adobe }, tokenWorksOn: async () => false };
}
