// Where a bearer token may go: only to the API's own origin, and only over https — except to this computer (the
// sandbox, tests), where plain http cannot be read by anyone else on the network.

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Throws a clear error for an API base URL a token must not be sent to; returns its origin. */
export function tokenSafeOrigin(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`"${baseUrl}" is not a URL; an API address looks like https://api.frame.io/v4`);
  }
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.origin;
  if (url.protocol === 'http:') {
    throw new Error(`Ferry sends your token only over https (or to this computer): ${url.origin} is plain http on the network`);
  }
  throw new Error(`${baseUrl}: an API address must start with https://`);
}

/** Where a redirect's Location points, or null when it is not the same origin (the token never follows it there). */
export function sameOriginTarget(location: string, from: string, origin: string): URL | null {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return null;
  }
  return target.origin === origin ? target : null;
}
