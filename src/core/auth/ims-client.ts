// Adobe IMS, the parts a desktop app and a CLI need (frameio-api.md "V4 sign-in"): the authorize URL of one attempt,
// the redirect it comes back on (checked: same scheme, host and path as configured, and the attempt's own `state`),
// the code exchanged for tokens with the PKCE verifier, and a refresh. Form-encoded POSTs to `/ims/token/v3`, no
// redirect followed, nothing of a token or the verifier in an error message.
import got, { RequestError } from 'got';
import { IMS_SCOPES, type ImsConfig } from './ims-config';
import type { PkceAttempt } from './pkce';

const TOKEN_TIMEOUT_MS = 30_000;

export interface ImsTokens {
  accessToken: string;
  /** null when the credential got none (no offline_access): signing in again is then the only renewal. */
  refreshToken: string | null;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
}

export type ImsErrorKind =
  /** The code, the verifier or the refresh token was refused (expired, revoked, used twice): sign in again. */
  | 'rejected'
  /** The person said no on the sign-in page. */
  | 'denied'
  /** The redirect is not the one this attempt waits for. */
  | 'mismatch'
  | 'network'
  | 'server';

export class ImsError extends Error {
  override readonly name = 'ImsError';
  constructor(
    readonly kind: ImsErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export function authorizeUrl(config: ImsConfig, attempt: PkceAttempt): string {
  const url = new URL(`${config.imsUrl}/ims/authorize/v2`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: IMS_SCOPES.join(' '),
    response_type: 'code',
    state: attempt.state,
    code_challenge: attempt.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The code in a redirect, if it is the one this attempt waits for (same redirect URI, same state). The person may
 * also paste just the code (the CLI): then there is no state to check, and the code is taken as it is. */
export function codeFromRedirect(config: ImsConfig, attempt: Pick<PkceAttempt, 'state'>, pasted: string): string {
  const text = pasted.trim();
  if (!text.includes('://') && /^[\w.~-]{8,4096}$/.test(text)) return text;
  let got: URL;
  let want: URL;
  try {
    got = new URL(text);
    want = new URL(config.redirectUri);
  } catch {
    throw new ImsError('mismatch', 'That is not the address the sign-in page sent you to (it should start with the redirect URI).');
  }
  if (got.protocol !== want.protocol || got.host !== want.host || got.pathname !== want.pathname) {
    throw new ImsError('mismatch', `That address does not go to this app's redirect URI (${want.protocol}//${want.host}${want.pathname}).`);
  }
  const params = got.searchParams;
  if (params.get('state') !== attempt.state) throw new ImsError('mismatch', 'That sign-in was not started here, or has been replaced by a newer one (its state does not match). Start the sign-in again.');
  const error = params.get('error');
  if (error === 'access_denied') throw new ImsError('denied', 'The sign-in was cancelled on the Adobe page: nothing was changed.');
  if (error) throw new ImsError('server', `Adobe answered the sign-in with "${error}"${params.get('error_description') ? `: ${params.get('error_description')}` : ''}.`);
  const code = params.get('code');
  if (!code) throw new ImsError('mismatch', 'The redirect carries no authorization code.');
  return code;
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

async function tokenCall(config: ImsConfig, form: Record<string, string>, now: () => number): Promise<ImsTokens> {
  let status: number;
  let body: TokenAnswer;
  try {
    const response = await got.post(`${config.imsUrl}/ims/token/v3`, {
      form,
      headers: { accept: 'application/json', 'user-agent': 'ferry/0.1' },
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: TOKEN_TIMEOUT_MS },
      responseType: 'text',
    });
    status = response.statusCode;
    body = (() => {
      try {
        return JSON.parse(response.body) as TokenAnswer;
      } catch {
        return {};
      }
    })();
  } catch (error) {
    const code = error instanceof RequestError ? error.code : 'unknown';
    throw new ImsError('network', `Cannot reach the Adobe sign-in server at ${config.imsUrl} (${code}).`);
  }
  if (status === 200 && typeof body.access_token === 'string') {
    const expiresInS = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      // Adobe's token/v3 gives expires_in in seconds; without one, assume the documented 24 h.
      expiresAt: now() + (Number.isFinite(expiresInS) && expiresInS > 0 ? expiresInS : 86_400) * 1000,
    };
  }
  const error = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
  const why = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
  if (status >= 500) throw new ImsError('server', `The Adobe sign-in server failed (${error}${why}).`);
  throw new ImsError('rejected', `Adobe refused the sign-in (${error}${why}).`);
}

export function exchangeCode(config: ImsConfig, code: string, verifier: string, now: () => number = Date.now): Promise<ImsTokens> {
  return tokenCall(config, { grant_type: 'authorization_code', client_id: config.clientId, code, code_verifier: verifier, redirect_uri: config.redirectUri }, now);
}

export function refreshTokens(config: ImsConfig, refreshToken: string, now: () => number = Date.now): Promise<ImsTokens> {
  return tokenCall(config, { grant_type: 'refresh_token', client_id: config.clientId, refresh_token: refreshToken }, now);
}
