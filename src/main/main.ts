// Electron main: one instance, one secure window on the app:// protocol, IPC through the checked wrapper, the token
// in the OS keychain. Everything with substance lives in DesktopBackend (plain Node) and src/core.
import { app, BrowserWindow, dialog, Notification, powerSaveBlocker, protocol, session, shell, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DesktopBackend, type TokenVault } from './backend/desktop-backend';
import { registerIpc } from './ipc/electron-ipc';
import { OsIntegration } from './os/os-integration';
import { APP_ORIGIN } from './ipc/trusted-sender';
import { denyAllPermissions, guardNavigation, secureWebPreferences, withCsp } from './window-security';

const APP_SCHEME = 'app';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

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
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(path.normalize(rendererDir + path.sep))) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: withCsp({ 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' }) });
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
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, serveRenderer(options.rendererDir));

  const windows = new Set<WebContents>();
  let osIntegration: OsIntegration | null = null;
  let osTimer: NodeJS.Timeout | null = null;
  // Dock progress, power-save and notifications follow the queue, at most 4 times a second.
  const refreshOs = () => {
    osTimer ??= setTimeout(() => {
      osTimer = null;
      osIntegration?.update(backend.rows());
    }, 250);
  };
  const vault = await options.openVault();
  const backend = new DesktopBackend({
    vault: vault.store,
    keychainAvailable: vault.persistent,
    journalDir: path.join(app.getPath('userData'), 'journal'),
    sandboxDataDir: path.join(app.getPath('userData'), 'sandbox'),
    pickPaths: async (kind) => {
      const result = await dialog.showOpenDialog({ properties: kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'] });
      return result.canceled ? [] : result.filePaths;
    },
    reveal: async (file) => shell.showItemInFolder(file),
    push: (event, payload) => {
      for (const contents of windows) contents.send(event, payload);
      if (event.startsWith('uploads:')) refreshOs();
    },
  });
  registerIpc(backend.handlers(), windows);
  await backend.restore();

  const window = new BrowserWindow({ width: 1280, height: 800, minWidth: 900, minHeight: 600, show: false, webPreferences: secureWebPreferences(options.preloadPath) });
  windows.add(window.webContents);
  osIntegration = new OsIntegration({ window, powerSaveBlocker, notify: (options) => new Notification(options) });
  guardNavigation(window.webContents, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => windows.delete(window.webContents));
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void backend.close());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}
