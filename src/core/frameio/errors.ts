// Typed errors for every way a Frame.io API call can fail. Each carries the API's own message so the CLI and the
// UI can show something a person can act on; none carries the token.

export type FrameioErrorKind =
  | 'unauthorized' // 401: bad or expired token
  | 'payment_required' // 402: plan limit
  | 'forbidden' // 403: no access or missing scope
  | 'not_found' // 404
  | 'conflict' // 409
  | 'invalid' // 422 / 400
  | 'rate_limited' // 429 (after our own retries ran out)
  | 'server' // 5xx
  | 'network' // no HTTP answer at all
  | 'bad_response'; // an answer that does not match the documented shape

export class FrameioError extends Error {
  override readonly name = 'FrameioError';
  constructor(
    readonly kind: FrameioErrorKind,
    message: string,
    readonly status?: number,
    readonly details?: { method?: string; path?: string; code?: string; retryAfterMs?: number },
  ) {
    super(message);
  }
}

export function kindForStatus(status: number): FrameioErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment_required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

/** Pulls the human message out of a V2 (`message`, `errors[].detail`) or V4 (`errors[].detail`) error body. */
export function messageFromErrorBody(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const record = body as { message?: unknown; errors?: unknown };
    const first = Array.isArray(record.errors) ? (record.errors[0] as Record<string, unknown> | undefined) : undefined;
    const detail = typeof first?.detail === 'string' ? first.detail : undefined;
    const message = typeof record.message === 'string' ? record.message : undefined;
    if (detail && message && detail !== message) return `${message}: ${detail}`;
    if (detail ?? message) return (detail ?? message) as string;
    if (typeof first?.title === 'string') return first.title;
  }
  return fallback;
}
