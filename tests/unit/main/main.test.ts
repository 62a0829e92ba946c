// Electron main with a mocked electron: one instance, a secure window on app:// where it was left, every channel
// behind the wrapper, the native menu, a quit that lets the backend close first, the window life cycle (macOS keeps
// running with no window), and a renderer server that only serves its own folder, always with the CSP.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src/shared/ipc/contract';

const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn(), mainFrame: {} };
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    setProgressBar = vi.fn();
    isMinimized = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }
  const app = Object.assign(new EventEmitter(), {
    userData: '',
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    setAsDefaultProtocolClient: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(async () => {}),
    getPath: vi.fn(() => app.userData),
  });
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  return {
    windows,
    app,
    powerMonitor: new EventEmitter(),
    module: {
      app,
      BrowserWindow: FakeWindow,
      Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() },
      dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
      net: { isOnline: vi.fn(() => true) },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      shell: { openExternal: vi.fn(), showItemInFolder: vi.fn() },
      ipcMain: { handle: vi.fn(), on: vi.fn() },
      powerSaveBlocker: { start: vi.fn(() => 1), stop: vi.fn(), isStarted: vi.fn(() => false) },
      Notification: class {
        on = vi.fn();
        show = vi.fn();
      },
    },
  };
});
vi.mock('electron', () => ({ ...electron.module, powerMonitor: electron.powerMonitor }));

const vault = { get: async () => null, set: async () => {}, delete: async () => {} };
const openVault = async () => ({ store: vault, persistent: true });
let dir: string;
const platform = process.platform;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-main-'));
  electron.app.userData = dir;
  electron.windows.length = 0;
  electron.app.removeAllListeners();
  electron.powerMonitor.removeAllListeners();
  vi.clearAllMocks();
});
afterEach(async () => {
  electron.app.emit('before-quit', { preventDefault: () => {} }); // stops the started app's watchers and timers
  Object.defineProperty(process, 'platform', { value: platform });
  await rm(dir, { recursive: true, force: true });
});

async function start() {
  const { startMain } = await import('../../../src/main/main');
  await startMain({ rendererDir: dir, preloadPath: '/app/preload.js', openVault });
}

describe('startMain', () => {
  it('opens one secure window on app://ferry with every channel behind the wrapper', async () => {
    await start();
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/app/preload.js' });
    expect(electron.windows[0]?.loadURL).toHaveBeenCalledWith('app://ferry/index.html');
    const channels = electron.module.ipcMain.handle.mock.calls.map((c: unknown[]) => c[0]);
    expect(channels.sort()).toEqual(Object.keys(invokeChannels).sort());
  });

  it('a second instance quits instead of opening another window', async () => {
    electron.module.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await start();
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('opens the window where it was left, maximized if it was, with the minimum size', async () => {
    await writeFile(path.join(dir, 'window-state.json'), JSON.stringify({ x: 200, y: 100, width: 1000, height: 700, maximized: true }));
    await start();
    const [window] = electron.windows;
    expect(window?.options).toMatchObject({ x: 200, y: 100, width: 1000, height: 700, minWidth: 900, minHeight: 600, show: false });
    window?.emit('ready-to-show');
    expect(window?.maximize).toHaveBeenCalled();
    expect(window?.show).toHaveBeenCalled();
  });

  it('sets the native menu (developer tools only when not packaged)', async () => {
    await start();
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const [template] = electron.module.Menu.buildFromTemplate.mock.calls[0] as [Array<{ submenu?: Array<{ role?: string }> }>];
    expect(template.flatMap((m) => m.submenu ?? []).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('quitting lets the backend close first, stops the OS watchers, then quits', async () => {
    await start();
    expect(electron.powerMonitor.listenerCount('resume')).toBe(1);
    const event = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled(); // nothing uploading: no prompt, but close() runs before the exit
    await vi.waitFor(() => expect(electron.module.app.quit).toHaveBeenCalled());
    expect(electron.module.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(electron.powerMonitor.listenerCount('resume')).toBe(0);
    const second = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('on macOS stays running with no window, and the dock icon brings a window back', async () => {
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    await start();
    electron.windows[0]?.emit('closed');
    electron.app.emit('window-all-closed');
    expect(electron.module.app.quit).not.toHaveBeenCalled();
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(2);
    electron.app.emit('activate'); // a window is open: nothing more
    expect(electron.windows).toHaveLength(2);
  });

  it('elsewhere closing the last window quits', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    await start();
    electron.windows[0]?.emit('closed');
    electron.app.emit('window-all-closed');
    expect(electron.module.app.quit).toHaveBeenCalled();
  });

  it('owns the sign-in redirect scheme, and hands a redirect from a second launch to the backend (which refuses one it did not ask for)', async () => {
    await start();
    expect(electron.module.app.setAsDefaultProtocolClient.mock.calls.map((c: unknown[]) => c[0])).toEqual(['adobe+ferrysandbox']); // no FERRY_IMS_* here: the sandbox's only
    const window = electron.windows[0];
    electron.app.emit('second-instance', {}, ['/opt/Ferry/ferry', '--flag', 'adobe+ferrysandbox://callback?code=stolen-code&state=guessed']);
    expect(window?.focus).toHaveBeenCalled();
    const sent = () => (window?.webContents.send.mock.calls ?? []).filter((c: unknown[]) => c[0] === 'auth:changed').map((c: unknown[]) => c[1] as { signedIn: boolean; adobe?: { error: string | null } });
    await vi.waitFor(() => expect(sent().some((s) => /not started here/.test(s.adobe?.error ?? ''))).toBe(true));
    expect(sent().every((s) => !s.signedIn)).toBe(true);
  });

  it('macOS: a redirect arriving as open-url before the app is ready waits for the backend', async () => {
    const { startMain } = await import('../../../src/main/main');
    let ready!: () => void;
    electron.module.app.whenReady.mockReturnValueOnce(new Promise<void>((resolve) => (ready = resolve)));
    const started = startMain({ rendererDir: dir, preloadPath: '/app/preload.js', openVault });
    const event = { preventDefault: vi.fn() };
    electron.app.emit('open-url', event, 'adobe+ferrysandbox://callback?code=c&state=s');
    expect(event.preventDefault).toHaveBeenCalled();
    ready();
    await started;
    const window = electron.windows[0];
    await vi.waitFor(() =>
      expect(window?.webContents.send.mock.calls.some((c: unknown[]) => c[0] === 'auth:changed' && /not started here/.test((c[1] as { adobe?: { error?: string } }).adobe?.error ?? ''))).toBe(true),
    );
  });

  it('a second launch brings the existing window to the front', async () => {
    await start();
    electron.app.emit('second-instance');
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.focus).toHaveBeenCalled();
  });
});

describe('serveRenderer', () => {
  it('serves files of the renderer folder with the CSP, and nothing outside it', async () => {
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Ferry</title>');
    const { serveRenderer } = await import('../../../src/main/main');
    const serve = serveRenderer(dir);
    const index = await serve(new Request('app://ferry/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await index.text()).toContain('Ferry');
    for (const sneaky of ['app://ferry/../../etc/passwd', 'app://ferry/%2e%2e/%2e%2e/etc/passwd', 'app://ferry/missing.js']) {
      expect((await serve(new Request(sneaky))).status, sneaky).toBe(404);
    }
  });
});
