import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from '../util/http.js';
import { bearerToken, tokenMatches } from './auth.js';
import type { ApiContext } from './context.js';
import { ApiError, v2ErrorBody } from './errors.js';
import { ORIGINALS_PREFIX, serveOriginal } from './originals.js';
import type { Route } from './route-types.js';
import { accountRoutes } from './routes-account.js';
import { assetRoutes } from './routes-assets.js';
import { faultsBody, firstIssue } from './schemas.js';

const ROUTES: Route[] = [...accountRoutes, ...assetRoutes];

/** The V2 API plus `/originals/…` (signed downloads) and `/_sandbox/…` (fault control and stats for tests). */
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
      sendJson(res, status, v2ErrorBody(status, status === 500 ? 'internal error' : detail), { ...rateHeaders, ...extra });
    });
    ctx.inFlight.add(work);
  });
}

async function handle(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  setRateHeaders: (h: Record<string, string>) => void,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = url.pathname;
  if (path.startsWith(ORIGINALS_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
    await serveOriginal(ctx, url, res, req.method === 'HEAD');
    return;
  }
  if (path === '/_sandbox/stats' && req.method === 'GET') {
    sendJson(res, 200, ctx.faults.stats());
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
  if (!path.startsWith('/v2/')) throw new ApiError(404, `no such endpoint: ${path}`);

  const matches = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m !== null);
  const hit = matches.find((x) => x.r.method === req.method);
  const category = hit?.r.category ?? 'other';
  const token = bearerToken(req);
  const now = Date.now();
  if (!tokenMatches(token, ctx.store.state.token)) {
    setRateHeaders(ctx.limiter.take(token ?? 'anonymous', category, now, false).headers);
    throw new ApiError(401, 'missing or invalid bearer token');
  }
  const verdict = ctx.limiter.take(ctx.store.state.token, category, now);
  setRateHeaders(verdict.headers);
  if (!verdict.allowed) {
    throw new ApiError(429, 'rate limit exceeded', { 'retry-after': String(verdict.retryAfterS) });
  }
  if (ctx.faults.decideApi429()) {
    throw new ApiError(429, 'rate limit exceeded (injected)', { 'retry-after': String(ctx.faults.retryAfterS) });
  }
  if (!hit) {
    if (matches.length > 0) throw new ApiError(405, `${req.method} is not allowed on ${path}`);
    throw new ApiError(404, `no such endpoint: ${path}`);
  }
  const params = hit.m?.slice(1).map((p) => decodeURIComponent(p)) ?? [];
  const result = await hit.r.handler({ ctx, req, url, params });
  sendJson(res, result.status ?? 200, result.body, { ...verdict.headers, ...result.headers });
}
