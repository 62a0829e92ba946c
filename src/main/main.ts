// Electron main: one instance, one secure window on the app:// protocol (where it was left), IPC through the checked
// wrapper, the token in the OS keychain, native menus, OS integration, and a quit that asks while files upload and
// lets the journal flush. Everything with substance lives in DesktopBackend (plain Node) and src/core.
import { app, type BrowserWindow, dialog, Menu, net, Notification, powerMonitor, powerSaveBlocker, protocol, session, shell, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DesktopBackend, type TokenVault } from './backend/desktop-backend';
import { registerIpc } from './ipc/electron-ipc';
import { APP_ORIGIN } from './ipc/trusted-sender';
import { contentTypeOf, rendererFile } from './renderer-files';
import { OsIntegration } from './os/os-integration';
import { watchPowerEvents } from './os/power-events';
import { listenForSignInRedirects } from './os/sign-in-redirects';
import { buildMenuTemplate } from './window/app-menu';
import { createMainWindow } from './window/create-window';
import { installQuitGuard } from './window/quit-guard';
import { denyAllPermissions, withCsp } from './window-security';

const APP_SCHEME = 'app';

export interface MainOptions {
  /** Folder of the built renderer (index.html + assets) and of the preload bundle. */
  rendererDir: string;
  preloadPath: string;
  openVault: () => Promise<{ store: TokenVault; persistent: boolean; reason?: string }>;
}

/** Serves the built renderer from app://ferry/…, with the CSP on every response and nothing outside rendererDir. */
export function serveRenderer(rendererDir: string) {
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    const file = rendererFile(rendererDir, pathname);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: withCsp({ 'content-type': contentTypeOf(file) }) });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

export async function startMain(options: MainOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  // Before 'ready': macOS delivers the sign-in redirect of a cold start as an early 'open-url'.
  const redirects = listenForSignInRedirects(app, { argv: process.argv, ...(process.defaultApp && process.argv[1] ? { dev: { execPath: process.execPath, entry: path.resolve(process.argv[1]) } } : {}) });
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, serveRenderer(options.rendererDir));
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, openExternal: (url) => shell.openExternal(url) })));

  // On macOS the window can be closed while uploads go on; everything below follows whichever window is open, if any.
  const windows = new Set<WebContents>();
  let window: BrowserWindow | null = null;
  const openWindow = async (): Promise<void> => {
    const created = createMainWindow({ preloadPath: options.preloadPath, stateFile: path.join(app.getPath('userData'), 'window-state.json') });
    const contents = created.webContents; // a destroyed window's webContents can no longer be read in 'closed'
    window = created;
    windows.add(contents);
    created.on('closed', () => {
      windows.delete(contents);
      if (window === created) window = null;
    });
    await created.loadURL(`${APP_ORIGIN}/index.html`);
  };
  const showWindow = () => {
    if (!window) return void openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const osIntegration = new OsIntegration({
    window: { setProgressBar: (progress, options) => window?.setProgressBar(progress, options), show: showWindow, focus: () => window?.focus() },
    powerSaveBlocker,
    notify: (options) => new Notification(options),
  });
  let osTimer: NodeJS.Timeout | null = null;
  // Dock progress, power-save and notifications follow the queue, at most 4 times a second.
  const refreshOs = () => {
    osTimer ??= setTimeout(() => {
      osTimer = null;
      osIntegration.update(backend.rows());
    }, 250);
  };
  const vault = await options.openVault();
  const backend = new DesktopBackend({
    vault: vault.store,
    keychainAvailable: vault.persistent,
    journalDir: path.join(app.getPath('userData'), 'journal'),
    settingsFile: path.join(app.getPath('userData'), 'settings.json'),
    lastApiFile: path.join(app.getPath('userData'), 'last-api.json'),
    sandboxDataDir: path.join(app.getPath('userData'), 'sandbox'),
    pickPaths: async (kind) => {
      const result = await dialog.showOpenDialog({ properties: kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'] });
      return result.canceled ? [] : result.filePaths;
    },
    reveal: async (file) => shell.showItemInFolder(file),
    openExternal: (url) => shell.openExternal(url), // "Sign in with Adobe": the system browser, never a window of ours
    push: (event, payload) => {
      for (const contents of windows) contents.send(event, payload);
      if (event.startsWith('uploads:')) refreshOs();
    },
  });
  registerIpc(backend.handlers(), windows, (paths) => backend.grantDropped(paths));

  const stopWatching = watchPowerEvents({ powerMonitor, isOnline: () => net.isOnline(), networkHint: (online) => backend.networkHint(online) });
  installQuitGuard({
    app,
    backend,
    ask: (prompt) => (window ? dialog.showMessageBox(window, prompt) : dialog.showMessageBox(prompt)),
    beforeClose: () => {
      stopWatching();
      if (osTimer) clearTimeout(osTimer);
    },
    onKeepUploading: () => {
      if (!window) void openWindow();
    },
  });
  // "Sign in with Adobe" comes back on the app's redirect scheme: a second instance's command line or open-url.
  redirects.deliverTo({ schemes: backend.redirectSchemes(), handle: (url) => backend.handleSignInRedirect(url), show: showWindow });
  app.on('activate', () => {
    if (!window) void openWindow(); // macOS: the dock icon brings the window back
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit(); // macOS apps stay running (and uploading) with no window
  });
  // The window first, then sign-in from the keychain (or the sandbox) and the resume of what the last run left: a
  // slow or captive network must not keep the window from opening. The renderer hears each step as auth:changed
  // (connecting, then signed in or the problem), pushed by the backend's sign-in store.
  const opened = openWindow();
  void backend.restoreOrSandbox().catch((error: unknown) => console.error('ferry: start-up sign-in failed:', error instanceof Error ? error.message : error));
  await opened;
}
