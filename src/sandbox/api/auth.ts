import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ImsGrants } from '../ims/grants.js';
import type { SandboxState } from '../state/types.js';
import { ApiError } from './errors.js';

/** The header that lets a legacy developer token (fio-u-…) call V4 (frameio-api.md "V4 sign-in"). */
export const LEGACY_TOKEN_HEADER = 'x-frameio-legacy-token-auth';

/** The bearer token of the request, or undefined when absent or malformed. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 6750 §3.1: a token that was good once says why it no longer is. */
const invalidToken = (detail: string): ApiError =>
  new ApiError(401, detail, { 'www-authenticate': `Bearer error="invalid_token", error_description="${detail}"` });

/**
 * Who may call: the demo access token on V2 and V4; an access token the sign-in server (/ims) issued, on both, until
 * it expires or its sign-in is revoked; the legacy developer token on V2 as is, and on V4 only with
 * `x-frameio-legacy-token-auth: true`. Throws 401 otherwise.
 */
export function authenticate(req: IncomingMessage, state: SandboxState, api: 'v2' | 'v4', ims: ImsGrants): void {
  const token = bearerToken(req);
  if (tokenMatches(token, state.token)) return;
  if (tokenMatches(token, state.legacyToken)) {
    if (api === 'v2' || String(req.headers[LEGACY_TOKEN_HEADER]).toLowerCase() === 'true') return;
    throw new ApiError(401, `a legacy developer token works on V4 only with the header ${LEGACY_TOKEN_HEADER}: true`);
  }
  const verdict = token === undefined ? undefined : ims.checkAccessToken(token);
  if (verdict === 'valid') return;
  if (verdict === 'expired') throw invalidToken('the access token expired');
  if (verdict === 'revoked') throw invalidToken('the access token was revoked');
  throw new ApiError(401, 'missing or invalid bearer token');
}
