// Where the window may ask main to sign in (review finding 1): Frame.io's own API, a sandbox on this computer (the
// in-process one, a `ferry sandbox`: loopback, where plain http cannot be read on the network), or an https origin
// the person configured (FERRY_API_ORIGINS, comma-separated: a company proxy). Anything else — plain http on the
// network, a look-alike host — is refused before a token or a browser goes anywhere.
import { isLoopbackHost } from '../../core/net/origin';

const FRAMEIO_ORIGIN = 'https://api.frame.io';

export function allowedApiOrigins(env: NodeJS.ProcessEnv): string[] {
  const configured = (env.FERRY_API_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => {
      try {
        const url = new URL(s);
        return url.protocol === 'https:' ? [url.origin] : [];
      } catch {
        return [];
      }
    });
  return [FRAMEIO_ORIGIN, ...configured];
}

/** Throws a clear error unless `apiUrl` may be signed in to. */
export function checkApiUrl(apiUrl: string, env: NodeJS.ProcessEnv): void {
  let url: URL | null = null;
  try {
    url = new URL(apiUrl);
  } catch {
    // refused below
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return;
  if (url && allowedApiOrigins(env).includes(url.origin)) return;
  throw new Error(
    `Ferry signs in only to Frame.io (${FRAMEIO_ORIGIN}), a sandbox on this computer, or an https address set in FERRY_API_ORIGINS: not ${url ? url.origin : apiUrl}.`,
  );
}
