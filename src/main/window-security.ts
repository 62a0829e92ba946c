// Electron's security checklist, applied to every window we create: isolated, sandboxed renderer without Node, a
// strict CSP, no navigation, no new windows (https links go to the system browser), every permission denied.
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The renderer needs no network (main does all HTTP): nothing may be fetched, framed or run from elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Blocks navigation and window.open; hands https links to the system browser. */
export function guardNavigation(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void openExternal(url);
    return { action: 'deny' };
  });
}

/** No camera, microphone, notifications-from-page, geolocation…: the renderer asks for nothing. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Adds the CSP header to every response our protocol serves. */
export function withCsp(headers: Record<string, string>): Record<string, string> {
  return { ...headers, 'content-security-policy': CONTENT_SECURITY_POLICY };
}
