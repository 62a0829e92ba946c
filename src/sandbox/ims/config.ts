import type { SandboxImsOptions } from '../options.js';

// The sandbox's registered "OAuth Native App" credential (frameio-api.md "V4 sign-in"): one client id, one redirect
// URI with a custom scheme, no secret. The defaults are what ../shared/checks/08-adobe-sign-in assumes.
export const DEFAULT_IMS_CLIENT_ID = 'ferry-sandbox';
export const DEFAULT_IMS_REDIRECT_URI = 'adobe+ferrysandbox://callback';
/** Adobe's access tokens live 24 h; its refresh tokens "by default 14 days". */
const DEFAULT_ACCESS_LIFETIME_S = 86_400;
const DEFAULT_REFRESH_LIFETIME_S = 14 * 86_400;
const MAX_LIFETIME_S = 366 * 86_400;
/** How long an authorization code, and an authorize page left open, stay usable. */
export const CODE_LIFETIME_MS = 10 * 60_000;

/** Scopes the sandbox knows (Adobe's names); a request for anything else is `invalid_scope`. */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set(['openid', 'AdobeID', 'offline_access', 'profile', 'email', 'additional_info', 'additional_info.roles']);

export interface ImsConfig {
  clientId: string;
  redirectUri: string;
  accessTokenLifetimeS: number;
  refreshTokenLifetimeS: number;
}

export function resolveImsConfig(opts: SandboxImsOptions = {}): ImsConfig {
  const clientId = opts.clientId ?? DEFAULT_IMS_CLIENT_ID;
  if (!/^[A-Za-z0-9._~-]{1,128}$/.test(clientId)) throw new Error(`ims.clientId must be 1–128 of A–Z a–z 0–9 . _ ~ -, got "${clientId}"`);
  const redirectUri = opts.redirectUri ?? DEFAULT_IMS_REDIRECT_URI;
  const parsed = URL.canParse(redirectUri) ? new URL(redirectUri) : undefined;
  if (!parsed || redirectUri.includes('#') || /^(javascript|data|blob|file|vbscript):$/i.test(parsed.protocol)) {
    throw new Error(`ims.redirectUri must be an absolute URI without a fragment (e.g. ${DEFAULT_IMS_REDIRECT_URI}), got "${redirectUri}"`);
  }
  return {
    clientId,
    redirectUri,
    accessTokenLifetimeS: lifetime('ims.accessTokenLifetimeS', opts.accessTokenLifetimeS ?? DEFAULT_ACCESS_LIFETIME_S),
    refreshTokenLifetimeS: lifetime('ims.refreshTokenLifetimeS', opts.refreshTokenLifetimeS ?? DEFAULT_REFRESH_LIFETIME_S),
  };
}

function lifetime(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIFETIME_S) throw new Error(`${name} must be a whole number of seconds from 1 to ${MAX_LIFETIME_S}, got ${value}`);
  return value;
}

/** Adobe takes scopes separated by spaces or commas ("openid,AdobeID" is common in its samples). */
export function parseScopes(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
}

/** The CSP `form-action` source of the redirect URI: its origin for http(s), else its scheme (`adobe+x:`). */
export function redirectSource(redirectUri: string): string {
  const url = new URL(redirectUri);
  return /^https?:$/.test(url.protocol) ? url.origin : url.protocol;
}
