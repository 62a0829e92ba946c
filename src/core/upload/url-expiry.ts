// When a pre-signed SigV4 URL stops working: X-Amz-Date (when it was signed) + X-Amz-Expires (seconds).
// Used to decide, before sending, whether a journaled upload can still use its URLs or must recreate the asset.

export function presignedExpiry(url: string): number | null {
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return null;
  }
  const date = query.get('X-Amz-Date');
  const expires = Number(query.get('X-Amz-Expires'));
  const match = date ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date) : null;
  if (!match || !Number.isFinite(expires)) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) + expires * 1000;
}

/** The earliest expiry among the URLs, or null when none says. */
export function earliestExpiry(urls: readonly string[]): number | null {
  let earliest: number | null = null;
  for (const url of urls) {
    const at = presignedExpiry(url);
    if (at !== null && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}
