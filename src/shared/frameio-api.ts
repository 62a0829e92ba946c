// Frame.io's two APIs as the window names them: the addresses people sign in to, which version an address speaks,
// and where each kind of token comes from. Main decides the version the same way (core's apiVersionOf); this copy
// is what the renderer (which imports only shared/) and main's start-up read.

/** Where Frame.io accounts are now (Adobe-era): the default. */
export const FRAMEIO_V4_API_URL = 'https://api.frame.io/v4';
/** The legacy API, for accounts not yet moved to V4. */
export const FRAMEIO_V2_API_URL = 'https://api.frame.io/v2';

/** A V4 access token: an OAuth credential of a project in Adobe's Developer Console with the Frame.io API added. */
export const ADOBE_CONSOLE_URL = 'https://developer.adobe.com/developer-console/';
/** A legacy developer token (fio-u-…): works on V2, and on V4 for accounts not administered in Adobe's Admin Console. */
export const DEVELOPER_TOKEN_URL = 'https://developer.frame.io/app/tokens';

export type ApiVersion = 'v2' | 'v4';

/** The version an API address speaks, from its last path segment; null when it names neither (or is no URL). */
export function apiVersionOfUrl(apiUrl: string): ApiVersion | null {
  let pathname: string;
  try {
    pathname = new URL(apiUrl).pathname;
  } catch {
    return null;
  }
  const last = pathname.replace(/\/+$/, '').split('/').pop();
  return last === 'v2' || last === 'v4' ? last : null;
}

/** "Frame.io V4" / "Frame.io V2 (legacy)", or the address itself for anything else. */
export function apiLabel(apiUrl: string | null): string {
  const version = apiUrl ? apiVersionOfUrl(apiUrl) : null;
  return version === 'v4' ? 'Frame.io V4' : version === 'v2' ? 'Frame.io V2 (legacy)' : (apiUrl ?? '');
}
