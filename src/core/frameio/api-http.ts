// The one place that talks HTTP to the Frame.io API: a got instance with the base URL, the bearer token injected
// by a hook (never logged, never part of an error), JSON in and out, errors mapped to FrameioError, and 429
// handled by waiting (Retry-After when present, else exponential backoff). Part uploads to S3 do NOT go through
// here: S3 must never see the Authorization header.
import got, { type Got, RequestError } from 'got';
import { FrameioError, kindForStatus, messageFromErrorBody } from './errors';
import { backoffDelayMs, parseRetryAfterMs, sleep } from './backoff';

export const API_TIMEOUT_MS = 30_000;
export const MAX_RATE_LIMIT_RETRIES = 8;
export const MAX_NETWORK_RETRIES = 3;
/** A Retry-After beyond this is treated as this: a misbehaving server must not park an upload for hours. */
export const MAX_RETRY_AFTER_MS = 120_000;
/** Longest pause taken on our own when `x-ratelimit-remaining` reaches 0 (the window is in ms, frameio-api.md). */
export const MAX_RATE_WINDOW_HOLD_MS = 10_000;

function headerNumber(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiHttpOptions {
  baseUrl: string;
  token: string;
  extraHeaders?: Record<string, string>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about every wait so a UI can say "Frame.io asked us to slow down — resuming in 8 s". */
  onRateLimited?: (waitMs: number) => void;
  now?: () => number;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface ApiRequest {
  json?: unknown;
  searchParams?: Record<string, string | number>;
}

export interface ApiHttp {
  request(method: HttpMethod, path: string, request?: ApiRequest): Promise<ApiResponse>;
  /** Replaces the bearer token for every later request (after the user signs in again). */
  setToken(token: string): void;
}

/** Network errors where the request provably never reached the server: safe to retry even a POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

export function createApiHttp(options: ApiHttpOptions): ApiHttp {
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  let token = options.token;
  const now = options.now ?? Date.now;
  // Honour the budget before the server has to say 429: when a response says none is left, the next request waits
  // for the window to pass.
  let holdUntil = 0;
  const noteRateLimit = (headers: ApiResponse['headers']) => {
    const remaining = headerNumber(headers['x-ratelimit-remaining']);
    const windowMs = headerNumber(headers['x-ratelimit-window']);
    if (remaining !== null && remaining <= 0 && windowMs !== null) holdUntil = Math.max(holdUntil, now() + Math.min(windowMs, MAX_RATE_WINDOW_HOLD_MS));
  };
  const instance: Got = got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { accept: 'application/json', 'user-agent': 'ferry/0.1', ...options.extraHeaders },
    responseType: 'text',
    throwHttpErrors: false,
    retry: { limit: 0 }, // retries are decided below, where we know which ones are safe
    timeout: { request: API_TIMEOUT_MS },
    hooks: {
      beforeRequest: [
        (opts) => {
          opts.headers.authorization = `Bearer ${token}`;
        },
      ],
    },
  });

  async function once(method: HttpMethod, path: string, request: ApiRequest): Promise<ApiResponse> {
    const response = await instance(path.replace(/^\/+/, ''), {
      method,
      ...(request.json === undefined ? {} : { json: request.json }),
      ...(request.searchParams ? { searchParams: request.searchParams } : {}),
    });
    let body: unknown = null;
    if (response.body) {
      try {
        body = JSON.parse(response.body);
      } catch {
        body = response.body;
      }
    }
    return { status: response.statusCode, body, headers: response.headers };
  }

  return {
    setToken(next) {
      token = next;
    },
    async request(method, path, request = {}) {
      let rateLimited = 0;
      let networkFailures = 0;
      for (;;) {
        let response: ApiResponse;
        if (holdUntil > now()) await wait(holdUntil - now());
        try {
          response = await once(method, path, request);
          noteRateLimit(response.headers);
        } catch (error) {
          const code = error instanceof RequestError ? error.code : undefined;
          const retryable = code !== undefined && (IDEMPOTENT.has(method) || NOT_SENT_CODES.has(code));
          if (retryable && networkFailures < MAX_NETWORK_RETRIES) {
            await wait(backoffDelayMs(networkFailures++, random, 250));
            continue;
          }
          const reason = error instanceof Error ? error.message : String(error);
          throw new FrameioError('network', `Cannot reach Frame.io at ${options.baseUrl}: ${reason}`, undefined, {
            method,
            path,
            ...(code ? { code } : {}),
          });
        }
        if (response.status === 429 && rateLimited < MAX_RATE_LIMIT_RETRIES) {
          const asked = parseRetryAfterMs(response.headers['retry-after']);
          const delay = asked === null ? backoffDelayMs(rateLimited, random) : Math.min(asked, MAX_RETRY_AFTER_MS);
          rateLimited++;
          options.onRateLimited?.(delay);
          await wait(delay);
          continue;
        }
        if (response.status >= 500 && IDEMPOTENT.has(method) && networkFailures < MAX_NETWORK_RETRIES) {
          await wait(backoffDelayMs(networkFailures++, random, 250));
          continue;
        }
        if (response.status >= 400) {
          const message = messageFromErrorBody(response.body, `HTTP ${response.status}`);
          throw new FrameioError(kindForStatus(response.status), message, response.status, { method, path });
        }
        return response;
      }
    },
  };
}
