// Delays shared by the API client and the transfer path: exponential backoff with full jitter (AWS's
// "Exponential Backoff And Jitter" finding: full jitter spreads retries best) and Retry-After parsing.

export const BACKOFF_BASE_MS = 1_000; // frameio-api.md: "otherwise back off from 1 s exponentially"
export const BACKOFF_CAP_MS = 30_000;

/** attempt is 0-based: 0 → up to 1 s, 1 → up to 2 s, … capped. `random` is injectable for tests. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random, baseMs = BACKOFF_BASE_MS): number {
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

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
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
