// One "Sign in with Adobe" attempt in the desktop app: a fresh random state and S256 verifier (core/auth/pkce.ts), the
// authorize URL to open in the system browser, and the check of what comes back. A redirect is taken only when it
// goes to the configured redirect URI (scheme, host and path) AND carries this attempt's state; the verifier never
// leaves this object (not in a status, an error or a log).
import { authorizeUrl, codeFromRedirect, ImsError } from '../../core/auth/ims-client';
import type { ImsConfig } from '../../core/auth/ims-config';
import { newPkceAttempt, type PkceAttempt } from '../../core/auth/pkce';
import type { SandboxHandle } from './sandbox-lifecycle';

export interface Attempt {
  readonly config: ImsConfig;
  /** The API the sign-in is for (a Frame.io V4 address, or the sandbox's). */
  readonly apiUrl: string;
  /** The in-process sandbox whose sign-in server this is, or null for Adobe's (or a configured one). */
  readonly sandbox: SandboxHandle | null;
  /** The authorize page's host, for the window's "waiting for the browser" line. */
  readonly host: string;
  readonly url: string;
  /** The code of a redirect for this attempt; throws ImsError (mismatch, denied, server) otherwise. */
  codeFrom(redirect: string): string;
  /** The verifier, for the one token call that exchanges this attempt's code. */
  verifier(): string;
}

export function newAttempt(config: ImsConfig, apiUrl: string, sandbox: SandboxHandle | null): Attempt {
  const pkce: PkceAttempt = newPkceAttempt();
  const url = authorizeUrl(config, pkce);
  return {
    config,
    apiUrl,
    sandbox,
    host: new URL(url).host,
    url,
    codeFrom(redirect) {
      // A protocol handler always gets a whole URL: a bare code (what the CLI accepts pasted) is not a redirect.
      if (!goesTo(config.redirectUri, redirect)) throw new ImsError('mismatch', "That address does not go to this app's sign-in redirect.");
      return codeFromRedirect(config, pkce, redirect);
    },
    verifier: () => pkce.verifier,
  };
}

/** Whether `url` goes to `redirectUri`: same scheme, host and path (the query is the attempt's to check). */
export function goesTo(redirectUri: string, url: string): boolean {
  try {
    const got = new URL(url.trim());
    const want = new URL(redirectUri);
    return got.protocol === want.protocol && got.host === want.host && got.pathname === want.pathname;
  } catch {
    return false;
  }
}
