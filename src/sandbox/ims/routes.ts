import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../api/context.js';
import type { SandboxImsOptions } from '../options.js';
import type { Store } from '../state/store.js';
import { AUTHORIZE_PATH, serveAuthorizeDecision, serveAuthorizePage } from './authorize.js';
import { KNOWN_SCOPES, resolveImsConfig, type ImsConfig } from './config.js';
import { ImsGrants } from './grants.js';
import { sendOAuthJson } from './http.js';
import { SignIns } from './requests.js';
import { REVOKE_PATH, serveRevoke, serveToken, TOKEN_PATH } from './token.js';

export const IMS_PREFIX = '/ims/';
const DISCOVERY_PATH = '/ims/.well-known/openid-configuration';

/** The sandbox's Adobe-IMS-like sign-in server: its configuration, the pending sign-ins and the persisted grants. */
export interface Ims {
  config: ImsConfig;
  signIns: SignIns;
  grants: ImsGrants;
}

export function createIms(store: Store, opts: SandboxImsOptions | undefined, now: () => number): Ims {
  const config = resolveImsConfig(opts);
  return { config, signIns: new SignIns(now), grants: new ImsGrants(store, config, now) };
}

/** Everything under /ims/ on the API origin: authorize (page and form), token, revoke, OpenID discovery. */
export async function serveIms(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { pathname } = url;
  const method = req.method ?? 'GET';
  if (pathname === AUTHORIZE_PATH) {
    if (method === 'GET') return serveAuthorizePage(ctx, res, url);
    if (method === 'POST') return serveAuthorizeDecision(ctx, req, res);
    return notAllowed(res, 'GET, POST');
  }
  if (pathname === TOKEN_PATH || pathname === REVOKE_PATH) {
    if (method !== 'POST') return notAllowed(res, 'POST');
    return pathname === TOKEN_PATH ? serveToken(ctx, req, res) : serveRevoke(ctx, req, res);
  }
  if (pathname === DISCOVERY_PATH && method === 'GET') {
    const base = ctx.apiOrigin;
    sendOAuthJson(res, 200, {
      issuer: base, authorization_endpoint: `${base}${AUTHORIZE_PATH}`, token_endpoint: `${base}${TOKEN_PATH}`,
      revocation_endpoint: `${base}${REVOKE_PATH}`, response_types_supported: ['code'], grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['none'], scopes_supported: [...KNOWN_SCOPES],
    });
    return;
  }
  sendOAuthJson(res, 404, { error: 'not_found', error_description: `no such endpoint: ${pathname}` });
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendOAuthJson(res, 405, { error: 'invalid_request', error_description: `use ${allow}` }, { allow });
}
