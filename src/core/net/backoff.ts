// Delays for the pacer: exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff And
// Jitter": half the ceiling fixed, half random). Full jitter spreads a thundering herd a little better, but can retry
// at once; a part or a call that just failed is rarely helped by an immediate retry, so half the ceiling is kept as a
// floor. Also: Retry-After parsing and an abortable sleep.

export const BACKOFF_BASE_MS = 1_000; // frameio-api.md: "otherwise back off from 1 s exponentially"
export const BACKOFF_CAP_MS = 30_000;
/** A Retry-After beyond this is treated as this: a misbehaving server must not park an upload for hours. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** attempt is 0-based: 0 → between ½ and 1 × base, 1 → between 1 and 2 × base, … capped. `random` is injectable. */
export function equalJitterBackoffMs(attempt: number, random: () => number = Math.random, baseMs = BACKOFF_BASE_MS): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns ms, or null when absent/invalid. */
export function parseRetryAfterMs(value: string | string[] | undefined, now: () => number = Date.now): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now());
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
