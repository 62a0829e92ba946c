import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../api/context.js';
import { KNOWN_SCOPES, parseScopes, redirectSource } from './config.js';
import { ImsError, readForm, redirectWith, singleValues } from './http.js';
import { consentBody, errorBody, sendPage } from './page.js';
import type { AuthorizeRequest } from './requests.js';

export const AUTHORIZE_PATH = '/ims/authorize/v2';
const PAGE_TITLE = 'Sign in to the Ferry sandbox';
// What S256 yields: 32 bytes of SHA-256 in base64url without padding (RFC 7636 §4.2).
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** A problem the page reports itself: the client or redirect URI cannot be trusted with a redirect. */
class PageError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GET /ims/authorize/v2. Checked in RFC 6749 §4.1.2.1's order: an unknown client_id or a redirect_uri that is not
 * the registered one gets an error page and never a redirect (that would be an open redirector); every later problem
 * goes back to the redirect URI as `error`, `error_description` and `state`, as Adobe does. A good request gets the
 * consent page.
 */
export function serveAuthorizePage(ctx: ApiContext, res: ServerResponse, url: URL): void {
  const { config } = ctx.ims;
  try {
    const params = pageParams(url.searchParams);
    const clientId = params.get('client_id');
    if (!clientId) throw new PageError(400, 'The request names no client (client_id is missing).');
    if (clientId !== config.clientId) throw new PageError(400, `No application "${clientId}" is registered with the Ferry sandbox.`);
    const redirectUri = params.get('redirect_uri');
    if (redirectUri !== undefined && redirectUri !== config.redirectUri) {
      throw new PageError(400, `The redirect URI ${redirectUri} is not the one registered for ${clientId}.`);
    }
    const state = params.get('state');
    const problem = requestProblem(params);
    if (problem) {
      redirectWith(res, config.redirectUri, { error: problem.error, error_description: problem.message, state });
      return;
    }
    const request: AuthorizeRequest = { clientId, redirectUri, scopes: parseScopes(params.get('scope') ?? ''), state, codeChallenge: params.get('code_challenge') ?? '' };
    const formToken = ctx.ims.signIns.open(request);
    const body = consentBody({ userName: ctx.store.state.user.name, clientId, scopes: request.scopes, redirectUri: config.redirectUri, formToken, action: AUTHORIZE_PATH });
    sendPage(res, 200, PAGE_TITLE, body, [redirectSource(config.redirectUri)]);
  } catch (err) {
    if (!(err instanceof PageError)) throw err;
    sendPage(res, err.status, PAGE_TITLE, errorBody(err.message));
  }
}

function pageParams(search: URLSearchParams): Map<string, string> {
  try {
    return singleValues(search);
  } catch (err) {
    if (err instanceof ImsError) throw new PageError(400, err.message);
    throw err;
  }
}

/** What is wrong with a request from the registered client, as an OAuth error for its redirect URI. */
function requestProblem(params: Map<string, string>): ImsError | undefined {
  const type = params.get('response_type');
  if (!type) return new ImsError(400, 'invalid_request', 'response_type is required');
  if (type !== 'code') return new ImsError(400, 'unsupported_response_type', `response_type ${type} is not supported; use code`);
  const scopes = parseScopes(params.get('scope') ?? '');
  if (scopes.length === 0) return new ImsError(400, 'invalid_scope', 'scope is required');
  const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s));
  if (unknown !== undefined) return new ImsError(400, 'invalid_scope', `unknown scope ${unknown}`);
  const challenge = params.get('code_challenge');
  if (!challenge) return new ImsError(400, 'invalid_request', 'code_challenge is required (PKCE)');
  if (params.get('code_challenge_method') !== 'S256') return new ImsError(400, 'invalid_request', 'code_challenge_method must be S256');
  if (!S256_CHALLENGE.test(challenge)) return new ImsError(400, 'invalid_request', 'code_challenge must be 43 base64url characters (an S256 challenge)');
  return undefined;
}

/**
 * POST /ims/authorize/v2: the consent form. Its hidden `request` field is a one-time token bound to the pending
 * request, so a page from elsewhere cannot answer for the user; a browser that says the form came from another
 * origin is refused too. Allow → 302 to the redirect URI with `code` and `state`; Deny → `error=access_denied`.
 */
export async function serveAuthorizeDecision(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) throw new PageError(403, 'The answer came from a page on another site, so it was ignored.');
    const form = await readForm(req).catch((err: unknown) => {
      throw err instanceof ImsError ? new PageError(400, err.message) : err;
    });
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny') throw new PageError(400, 'Choose Allow or Deny.');
    const request = ctx.ims.signIns.take(form.get('request') ?? '');
    if (!request) throw new PageError(400, 'This sign-in page has expired or was already answered.');
    const target = ctx.ims.config.redirectUri;
    if (decision === 'deny') {
      redirectWith(res, target, { error: 'access_denied', error_description: 'The user denied the request', state: request.state });
      return;
    }
    const code = ctx.ims.signIns.issueCode(request, ctx.store.state.user.id);
    redirectWith(res, target, { code, state: request.state });
  } catch (err) {
    if (!(err instanceof PageError)) throw err;
    sendPage(res, err.status, PAGE_TITLE, errorBody(err.message));
  }
}
