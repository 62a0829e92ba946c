import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from '../util/http.js';
import { IMS_PREFIX, serveIms } from '../ims/routes.js';
import { V4_ROUTES } from '../v4/routes.js';
import { authenticate, bearerToken, tokenMatches } from './auth.js';
import type { ApiContext } from './context.js';
import { ApiError, v2ErrorBody, v4ErrorBody } from './errors.js';
import { ORIGINALS_PREFIX, serveOriginal } from './originals.js';
import type { ApiResult, Route } from './route-types.js';
import { accountRoutes } from './routes-account.js';
import { assetRoutes } from './routes-assets.js';
import { faultsBody, firstIssue } from './schemas.js';

const V2_ROUTES: Route[] = [...accountRoutes, ...assetRoutes];

const isV4 = (url: string | undefined): boolean => /^\/v4(\/|\?|$)/.test(url ?? '');

/**
 * V2 under /v2, V4 under /v4 (one store), the sign-in server under /ims/, plus `/originals/…` (signed downloads) and
 * `/_sandbox/…` (tests).
 */
export function createApiServer(ctx: ApiContext): Server {
  return createServer((req, res) => {
    const started = Date.now();
    // Only method, path and status are logged: never the Authorization header or a signed query.
    res.on('finish', () => ctx.log(`api ${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode} ${Date.now() - started}ms`));
    let rateHeaders: Record<string, string> = {};
    // Tracked so close() waits: a handler can still save state after its socket was dropped.
    const work = handle(ctx, req, res, (h) => (rateHeaders = h)).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = err instanceof ApiError ? err.status : 500;
      const detail = err instanceof Error ? err.message : String(err);
      if (status === 500) ctx.log(`api error: ${err instanceof Error ? (err.stack ?? detail) : detail}`);
      const extra = err instanceof ApiError ? err.headers : {};
      const shown = status === 500 ? 'internal error' : detail;
      const body = isV4(req.url) ? v4ErrorBody(status, shown, err instanceof ApiError ? err.pointer : undefined) : v2ErrorBody(status, shown);
      sendJson(res, status, body, { ...rateHeaders, ...extra });
    });
    ctx.inFlight.add(work);
  });
}

async function handle(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, setRateHeaders: (h: Record<string, string>) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = url.pathname;
  if (path.startsWith(ORIGINALS_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
    await serveOriginal(ctx, url, res, req.method === 'HEAD');
    return;
  }
  if (path.startsWith(IMS_PREFIX)) {
    await serveIms(ctx, req, res, url);
    return;
  }
  // Any credential the API takes may read these (the legacy token as on V2); only the demo token may set faults.
  if (path === '/_sandbox/stats' && req.method === 'GET') {
    authenticate(req, ctx.store.state, 'v2', ctx.ims.grants);
    sendJson(res, 200, ctx.faults.stats());
    return;
  }
  if (path === '/_sandbox/identity' && req.method === 'GET') {
    authenticate(req, ctx.store.state, 'v2', ctx.ims.grants);
    sendJson(res, 200, { id: ctx.store.state.sandboxId });
    return;
  }
  if (path === '/_sandbox/faults' && req.method === 'PUT') {
    if (!tokenMatches(bearerToken(req), ctx.store.state.token)) throw new ApiError(401, 'missing or invalid bearer token');
    const parsed = faultsBody.safeParse(await readJsonBody(req));
    if (!parsed.success) throw new ApiError(422, firstIssue(parsed.error));
    ctx.faults.set(parsed.data);
    sendJson(res, 200, ctx.faults.config);
    return;
  }
  const api = path.startsWith('/v2/') ? 'v2' : isV4(path) ? 'v4' : undefined;
  if (!api) throw new ApiError(404, `no such endpoint: ${path}`);

  const matches = (api === 'v2' ? V2_ROUTES : V4_ROUTES).map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m !== null);
  const hit = matches.find((x) => x.r.method === req.method);
  const params = (hit?.m?.slice(1) ?? []).map(decodeSegment);
  const category = hit?.r.category ?? 'other';
  const now = Date.now();
  try {
    authenticate(req, ctx.store.state, api, ctx.ims.grants);
  } catch (err) {
    // Reported, not counted: a 401 keeps no state for its token (random tokens must not grow memory).
    setRateHeaders(ctx.limiter.take('unauthenticated', category, now, false).headers);
    throw err;
  }
  const verdict = ctx.limiter.take(rateKey(ctx, api, path, params), category, now);
  setRateHeaders(verdict.headers);
  const decoded = params.filter((p): p is string => p !== undefined);
  if (decoded.length !== params.length) throw new ApiError(400, 'the path has a malformed %-escape');
  // V4 never sends Retry-After (the spec does not have it): clients pace by the x-ratelimit-* headers.
  if (!verdict.allowed) throw new ApiError(429, 'rate limit exceeded', api === 'v2' ? { 'retry-after': String(verdict.retryAfterS) } : {});
  if (ctx.faults.decideApi429()) {
    throw new ApiError(429, 'rate limit exceeded (injected)', api === 'v2' ? { 'retry-after': String(ctx.faults.retryAfterS) } : {});
  }
  if (!hit) {
    if (matches.length > 0) throw new ApiError(405, `${req.method} is not allowed on ${path}`);
    throw new ApiError(404, `no such endpoint: ${path}`);
  }
  send(res, await hit.r.handler({ ctx, req, url, params: decoded }), verdict.headers);
}

/** A path segment decoded, or undefined when its %-escapes are not valid UTF-8 (decodeURIComponent throws). */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * V2 limits are per user; V4's per account user: the account named in the URL when the user can see it. Any other
 * id shares one key, so made-up account ids cannot make the limiter keep a window each.
 */
function rateKey(ctx: ApiContext, api: 'v2' | 'v4', path: string, params: (string | undefined)[]): string {
  const user = ctx.store.state.user.id;
  if (api === 'v2') return `v2:${user}`;
  const named = /^\/v4\/accounts\//.test(path) ? params[0] : undefined;
  const account = named !== undefined && ctx.store.visibleAccounts().some((a) => a.id === named) ? named : '';
  return `v4:${user}:${account}`;
}

function send(res: ServerResponse, result: ApiResult, rateHeaders: Record<string, string>): void {
  const headers = { ...rateHeaders, ...result.headers };
  if (result.status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  sendJson(res, result.status ?? 200, result.body, headers);
}
