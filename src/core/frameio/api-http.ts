// The one place that talks HTTP to the Frame.io API: a got instance sending JSON with the bearer token, errors
// mapped to FrameioError, and every call paced and retried by the session's Pacer (src/core/net/pacer.ts); this file
// only answers "retry?" for an API call. The token goes only to the API's own origin, over https (plain http only to
// this computer); redirects are never followed to another origin, since got would let a hook put the token back on
// them. Part uploads to S3 do NOT go through here: S3 must never see the Authorization header.
import got, { CancelError, type Got, RequestError } from 'got';
import { parseRetryAfterMs } from '../net/backoff';
import { sameOriginTarget, tokenSafeOrigin } from '../net/origin';
import { Pacer, type RetryBudget, type Verdict } from '../net/pacer';
import { readRateHeaders } from '../net/rate-budget';
import { FrameioError, kindForStatus, messageFromErrorBody } from './errors';

export const API_TIMEOUT_MS = 30_000;
/** API retries: 429s up to 8 times from 1 s (frameio-api.md), network errors and 5xx of safe calls 3 times from 250 ms. */
export const API_RETRY_BUDGET: RetryBudget = { throttled: { retries: 8, baseMs: 1_000 }, transient: { retries: 3, baseMs: 250 } };
/** No API answer is read past this (a children page of 500 items is about half a MiB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MiB = 1024 * 1024;
/** Same-origin redirects followed at most this often per call. */
const MAX_REDIRECTS = 5;
export { MAX_RETRY_AFTER_MS } from '../net/backoff';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiHttpOptions {
  baseUrl: string;
  token: string;
  extraHeaders?: Record<string, string>;
  /** Headers that depend on the token sent (V4 marks a legacy developer token with x-frameio-legacy-token-auth). */
  headersFor?: (token: string) => Record<string, string>;
  /** The session's pacer (shared with the engine's part uploads); made here when not given. */
  pacer?: Pacer;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Told about every wait Frame.io asked for, so a UI can say "Frame.io asked us to slow down — resuming in 8 s". */
  onRateLimited?: (waitMs: number) => void;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface ApiRequest {
  json?: unknown;
  searchParams?: Record<string, string | number>;
  /** The published rate limit this call counts against (default 'api'). */
  bucket?: string;
}

export interface ApiHttp {
  readonly pacer: Pacer;
  request(method: HttpMethod, path: string, request?: ApiRequest): Promise<ApiResponse>;
  /** Replaces the bearer token for every later request (after the user signs in again). */
  setToken(token: string): void;
}

/** Network errors where the request provably never reached the server: safe to retry even a POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** "Retry?" for one API call. A POST that may have reached the server is never sent twice (it could duplicate). */
export function classifyApiFailure(method: HttpMethod, error: unknown): Verdict {
  if (!(error instanceof FrameioError)) return { retry: false };
  if (error.kind === 'unauthorized') return { retry: 'unauthorized' };
  if (error.status === 429) return { retry: 'throttled', retryAfterMs: error.details?.retryAfterMs ?? null };
  const code = error.details?.code;
  if (error.kind === 'network' && code) return IDEMPOTENT.has(method) || NOT_SENT_CODES.has(code) ? { retry: 'transient' } : { retry: false };
  if (error.kind === 'server' && IDEMPOTENT.has(method)) return { retry: 'transient' };
  return { retry: false };
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createApiHttp(options: ApiHttpOptions): ApiHttp {
  const origin = tokenSafeOrigin(options.baseUrl);
  const base = `${options.baseUrl.replace(/\/+$/, '')}/`;
  const pacer = options.pacer ?? new Pacer({
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.onRateLimited ? { onSlowDown: options.onRateLimited } : {}),
  });
  pacer.credentials.setToken(options.token);
  const instance: Got = got.extend({
    headers: { accept: 'application/json', 'user-agent': 'ferry/0.1', ...options.extraHeaders },
    responseType: 'text',
    throwHttpErrors: false,
    followRedirect: false, // redirects are followed below, and only within the API's origin
    retry: { limit: 0 }, // retries are the pacer's
    timeout: { request: API_TIMEOUT_MS },
  });

  async function once(method: HttpMethod, path: string, request: ApiRequest, token: string): Promise<ApiResponse> {
    let url = new URL(path.replace(/^\/+/, ''), base);
    let verb = method;
    for (let hop = 0; ; hop++) {
      let response;
      const sentAt = pacer.time();
      try {
        const pending = instance(url, {
          method: verb,
          headers: { ...options.headersFor?.(token), authorization: `Bearer ${token}` },
          ...(request.json === undefined || verb === 'GET' ? {} : { json: request.json }),
          ...(request.searchParams && hop === 0 ? { searchParams: request.searchParams } : {}),
        });
        // Bounded like everything a server controls: no API answer is allowed to fill the memory.
        pending.on('downloadProgress', (progress) => progress.transferred > MAX_RESPONSE_BYTES && pending.cancel(`answer over ${MAX_RESPONSE_BYTES / MiB} MiB`));
        response = await pending;
      } catch (error) {
        if (error instanceof CancelError) throw new FrameioError('bad_response', `Frame.io's answer to ${method} ${path} was larger than ${MAX_RESPONSE_BYTES / MiB} MiB; stopped reading it`, undefined, { method, path });
        const code = error instanceof RequestError ? error.code : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw new FrameioError('network', `Cannot reach Frame.io at ${options.baseUrl}: ${reason}`, undefined, { method, path, ...(code ? { code } : {}) });
      }
      const headers = response.headers;
      pacer.observe(request.bucket ?? 'api', readRateHeaders(headers), sentAt);
      const status = response.statusCode;
      const location = typeof headers.location === 'string' ? headers.location : null;
      if (status >= 300 && status < 400 && location) {
        const next = sameOriginTarget(location, url.href, origin);
        if (!next) {
          throw new FrameioError('bad_response', `Frame.io answered ${method} ${path} with a redirect to another address (${safeOrigin(location, url.href)}); Ferry does not send your token there`, status, { method, path });
        }
        if (hop >= MAX_REDIRECTS) throw new FrameioError('bad_response', `Frame.io redirected ${method} ${path} more than ${MAX_REDIRECTS} times`, status, { method, path });
        url = next;
        if (status === 303) verb = 'GET';
        continue;
      }
      const body = parseBody(response.body);
      if (status < 400 && typeof body === 'string' && /^\s*</.test(body)) {
        throw new FrameioError('bad_response', `${options.baseUrl} answered ${method} ${path} with a web page (HTML), not the JSON of an API: is it a Frame.io API address (…/v4, or …/v2 for the legacy API)?`, status, { method, path });
      }
      if (status >= 400) {
        const retryAfterMs = parseRetryAfterMs(headers['retry-after']);
        throw new FrameioError(kindForStatus(status), messageFromErrorBody(body, `HTTP ${status}`), status, { method, path, ...(retryAfterMs !== null ? { retryAfterMs } : {}) });
      }
      return { status, body, headers };
    }
  }

  return {
    pacer,
    setToken(next) {
      pacer.credentials.setToken(next);
    },
    request(method, path, request = {}) {
      return pacer.call(
        { bucket: request.bucket ?? 'api', budget: API_RETRY_BUDGET, classify: (error) => classifyApiFailure(method, error), announceWaits: true },
        (token) => once(method, path, request, token),
      );
    },
  };
}

function safeOrigin(location: string, from: string): string {
  try {
    return new URL(location, from).origin;
  } catch {
    return 'an invalid address';
  }
}
