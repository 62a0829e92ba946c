// The window's security settings with stand-ins for Electron's objects: what a renderer can and cannot do.
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, denyAllPermissions, guardNavigation, secureWebPreferences, withCsp } from '../../../src/main/window-security';

describe('window security', () => {
  it('isolates and sandboxes the renderer, without Node', () => {
    expect(secureWebPreferences('/app/preload.js')).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('serves a CSP that loads nothing from elsewhere and allows no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(withCsp({ 'content-type': 'text/html' })).toEqual({ 'content-type': 'text/html', 'content-security-policy': CONTENT_SECURITY_POLICY });
  });

  it('blocks navigation and new windows, sending only https links to the system browser', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: (details: { url: string }) => { action: string } = () => ({ action: 'allow' });
    const contents = {
      on: (name: string, fn: (event: { preventDefault: () => void }) => void) => void listeners.set(name, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn),
    } as unknown as WebContents;
    const openExternal = vi.fn(async () => {});
    guardNavigation(contents, openExternal);
    for (const name of ['will-navigate', 'will-redirect']) {
      const preventDefault = vi.fn();
      listeners.get(name)?.({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler({ url: 'https://developer.frame.io/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://developer.frame.io/']]);
  });

  it('denies every permission request and check', () => {
    let request: (c: unknown, p: string, cb: (granted: boolean) => void) => void = () => {};
    let check: () => boolean = () => true;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => void (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => void (check = fn),
    } as unknown as Session;
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check()).toBe(false);
  });
});
