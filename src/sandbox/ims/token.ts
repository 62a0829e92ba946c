import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../api/context.js';
import { KNOWN_SCOPES, parseScopes } from './config.js';
import { ImsError, invalidClient, invalidGrant, invalidRequest, readForm, sendOAuthError, sendOAuthJson } from './http.js';
import type { IssuedCode } from './requests.js';

export const TOKEN_PATH = '/ims/token/v3';
export const REVOKE_PATH = '/ims/revoke';
// RFC 7636 §4.1: 43–128 characters of the unreserved set.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** Which registered client calls: a public client (Native App) identifies itself by client_id alone. */
function clientOf(ctx: ApiContext, form: Map<string, string>): string {
  const clientId = form.get('client_id');
  if (!clientId) throw invalidRequest('client_id is required');
  if (clientId !== ctx.ims.config.clientId) throw invalidClient(`unknown client_id ${clientId}`);
  return clientId;
}

/**
 * POST /ims/token/v3 (form-encoded, like Adobe's): `authorization_code` (client_id, code, code_verifier, and
 * redirect_uri when authorize had one) or `refresh_token` (client_id, refresh_token, optional narrower scope).
 * Errors are `{"error","error_description"}`: 400, or 401 invalid_client.
 */
export async function serveToken(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const form = await readForm(req);
    const grantType = form.get('grant_type');
    if (!grantType) throw invalidRequest('grant_type is required');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw new ImsError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    }
    const clientId = clientOf(ctx, form);
    const issuer = ctx.apiOrigin;
    if (grantType === 'authorization_code') {
      const code = form.get('code');
      const verifier = form.get('code_verifier');
      if (!code) throw invalidRequest('code is required');
      if (!verifier) throw invalidRequest('code_verifier is required');
      const issued = ctx.ims.signIns.redeem(code, (c) => checkCode(c, clientId, form.get('redirect_uri'), verifier, ctx.ims.config.redirectUri));
      sendOAuthJson(res, 200, ctx.ims.grants.start(clientId, issued.userId, issued.scopes, issuer));
      return;
    }
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) throw invalidRequest('refresh_token is required');
    const scope = form.get('scope');
    const scopes = scope === undefined ? undefined : parseScopes(scope);
    const unknown = scopes?.find((s) => !KNOWN_SCOPES.has(s));
    if (unknown !== undefined) throw new ImsError(400, 'invalid_scope', `unknown scope ${unknown}`);
    sendOAuthJson(res, 200, ctx.ims.grants.refresh(refreshToken, clientId, scopes, issuer));
  } catch (err) {
    if (!(err instanceof ImsError)) throw err;
    sendOAuthError(res, err);
  }
}

function checkCode(c: IssuedCode, clientId: string, redirectUri: string | undefined, verifier: string, registered: string): void {
  if (c.clientId !== clientId) throw invalidGrant('the authorization code was issued to another client');
  // RFC 6749 §4.1.3: required, and identical, when authorize had it; when it had not, it may only name the registered one.
  if (c.redirectUri !== undefined ? redirectUri !== c.redirectUri : redirectUri !== undefined && redirectUri !== registered) {
    throw invalidGrant('redirect_uri does not match the authorization request');
  }
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(c.codeChallenge);
  if (!VERIFIER.test(verifier) || computed.length !== expected.length || !timingSafeEqual(computed, expected)) {
    throw invalidGrant('code_verifier does not match the code_challenge');
  }
}

/** POST /ims/revoke (RFC 7009): token (refresh or access), client_id. 200 whether or not the token was known. */
export async function serveRevoke(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const form = await readForm(req);
    const clientId = clientOf(ctx, form);
    const token = form.get('token');
    if (!token) throw invalidRequest('token is required');
    ctx.ims.grants.revoke(token, clientId);
    sendOAuthJson(res, 200, {});
  } catch (err) {
    if (!(err instanceof ImsError)) throw err;
    sendOAuthError(res, err);
  }
}
