// Electron main with a mocked electron: one instance, a secure window on app://, every channel behind the wrapper,
// and a renderer server that only serves its own folder, always with the CSP.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src/shared/ipc/contract';

const electron = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }> = [];
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn(), mainFrame: {} };
    loadURL = vi.fn(async () => {});
    once = vi.fn();
    on = vi.fn();
    isMinimized = () => false;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this as never);
    }
  }
  return {
    windows,
    module: {
      app: { requestSingleInstanceLock: vi.fn(() => true), quit: vi.fn(), whenReady: vi.fn(async () => {}), on: vi.fn(), getPath: vi.fn(() => os.tmpdir()) },
      BrowserWindow,
      dialog: { showOpenDialog: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      shell: { openExternal: vi.fn(), showItemInFolder: vi.fn() },
      ipcMain: { handle: vi.fn() },
      powerSaveBlocker: { start: vi.fn(() => 1), stop: vi.fn(), isStarted: vi.fn(() => false) },
      Notification: class {
        on = vi.fn();
        show = vi.fn();
      },
    },
  };
});
vi.mock('electron', () => electron.module);

const vault = { get: async () => null, set: async () => {}, delete: async () => {} };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-main-'));
  electron.windows.length = 0;
  vi.clearAllMocks();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('startMain', () => {
  it('opens one secure window on app://ferry with every channel behind the wrapper', async () => {
    const { startMain } = await import('../../../src/main/main');
    await startMain({ rendererDir: dir, preloadPath: '/app/preload.js', openVault: async () => ({ store: vault, persistent: true }) });
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
    const { startMain } = await import('../../../src/main/main');
    await startMain({ rendererDir: dir, preloadPath: '/p.js', openVault: async () => ({ store: vault, persistent: true }) });
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
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
