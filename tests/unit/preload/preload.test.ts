// The preload with a mocked electron: it exposes exactly DesktopApi as `window.ferry` and never ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src/shared/ipc/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => 'answer'), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '/footage/A001.mov') },
}));
vi.mock('electron', () => electron);

beforeEach(() => {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
});

async function exposed(): Promise<Record<string, unknown>> {
  await import('../../../src/preload/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(name).toBe('ferry');
  return api;
}

describe('preload', () => {
  it('exposes one verb per contract channel, grouped, plus on — and nothing else', async () => {
    const api = await exposed();
    const surface = Object.entries(api).flatMap(([group, verbs]) =>
      typeof verbs === 'function' ? [group] : Object.keys(verbs as object).map((verb) => `${group}:${verb}`),
    );
    expect(surface.sort()).toEqual([...Object.keys(invokeChannels), 'on', 'pathForFile'].sort());
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|send|invoke/i);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('turns a dropped File into its path with webUtils, and tells main it was dropped (a grant only main can give)', async () => {
    const api = (await exposed()) as { pathForFile: (file: unknown) => string };
    const file = { name: 'A001.mov' };
    expect(api.pathForFile(file)).toBe('/footage/A001.mov');
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledWith(file);
    expect(electron.ipcRenderer.send).toHaveBeenCalledWith('files:dropped', '/footage/A001.mov');
    // A File with no path on disk (made by a page, not dropped) grants nothing.
    electron.ipcRenderer.send.mockClear();
    electron.webUtils.getPathForFile.mockReturnValueOnce('');
    expect(api.pathForFile({ name: 'made-up.mov' })).toBe('');
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('maps a verb onto invoke of its channel', async () => {
    const api = (await exposed()) as { uploads: { enqueue: (r: unknown) => Promise<unknown> } };
    await expect(api.uploads.enqueue({ paths: ['/a'], folderId: 'f' })).resolves.toBe('answer');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('uploads:enqueue', { paths: ['/a'], folderId: 'f' });
  });

  it('on() strips the Electron event, returns an unsubscribe, and refuses unknown events', async () => {
    const api = (await exposed()) as { on: (e: string, cb: (p: unknown) => void) => () => void };
    const listener = vi.fn();
    const unsubscribe = api.on('uploads:progress', listener);
    const [channel, wrapped] = (electron.ipcRenderer.on.mock.calls as unknown as Array<[string, (e: unknown, p: unknown) => void]>)[0] ?? ['', () => {}];
    expect(channel).toBe('uploads:progress');
    wrapped({ sender: 'electron internals' }, { rows: [] });
    expect(listener).toHaveBeenCalledWith({ rows: [] });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('uploads:progress', wrapped);
    expect(() => api.on('secret:channel', listener)).toThrow(/unknown event/);
  });
});
