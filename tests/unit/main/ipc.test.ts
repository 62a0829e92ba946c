// The IPC wrapper with a stand-in ipcMain: only our window's main frame on our origin gets through, only valid
// payloads reach a handler, and a handler cannot answer outside the contract.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type Handlers, registerDropReports, registerHandlers, UntrustedSenderError } from '../../../src/main/ipc/register-handlers';
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender';
import { invokeChannels, IpcRequestError } from '../../../src/shared/ipc/contract';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

const authStatus = { signedIn: false, apiUrl: null, user: null, sandbox: false, keychainAvailable: true };

function setup() {
  const registered = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, fn: Handler) => void registered.set(channel, fn) };
  const handlers = Object.fromEntries(Object.keys(invokeChannels).map((c) => [c, vi.fn(async () => ({}))])) as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
  handlers['auth:status'] = vi.fn(async () => authStatus) as never;
  const mainFrame = { url: `${APP_ORIGIN}/index.html` };
  const ours = { mainFrame } as unknown as WebContents;
  registerHandlers(ipcMain, handlers, new Set([ours]));
  const call = (channel: string, payload: unknown, event: Partial<IpcMainInvokeEvent> = { sender: ours, senderFrame: mainFrame as never }) =>
    (registered.get(channel) as Handler)(event as IpcMainInvokeEvent, payload);
  return { registered, handlers, ours, mainFrame, call };
}

describe('registerHandlers', () => {
  it('registers exactly the contract channels', () => {
    const { registered } = setup();
    expect([...registered.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
  });

  it('passes a valid call from our window to its handler', async () => {
    const { call, handlers } = setup();
    await expect(call('auth:status', {})).resolves.toEqual(authStatus);
    expect(handlers['auth:status']).toHaveBeenCalledTimes(1);
  });

  it('refuses other windows, sub-frames, foreign origins and missing frames without calling the handler', async () => {
    const { call, handlers, ours, mainFrame } = setup();
    const stranger = { mainFrame: { url: `${APP_ORIGIN}/index.html` } } as unknown as WebContents;
    const attempts: Array<Partial<IpcMainInvokeEvent>> = [
      { sender: stranger, senderFrame: (stranger as unknown as { mainFrame: never }).mainFrame },
      { sender: ours, senderFrame: { url: `${APP_ORIGIN}/index.html` } as never }, // an iframe: not the main frame
      { sender: { mainFrame: { url: 'https://evil.example/' } } as unknown as WebContents, senderFrame: { url: 'https://evil.example/' } as never },
      { sender: ours, senderFrame: null as never },
    ];
    mainFrame.url = `${APP_ORIGIN}/index.html`;
    for (const event of attempts) await expect(call('auth:status', {}, event)).rejects.toThrow(UntrustedSenderError);
    const navigatedAway = { ...mainFrame, url: 'https://evil.example/' };
    (ours as unknown as { mainFrame: unknown }).mainFrame = navigatedAway;
    await expect(call('auth:status', {}, { sender: ours, senderFrame: navigatedAway as never })).rejects.toThrow(UntrustedSenderError);
    expect(handlers['auth:status']).not.toHaveBeenCalled();
  });

  it('refuses malformed payloads before the handler runs', async () => {
    const { call, handlers } = setup();
    for (const payload of [null, 7, 'x', { paths: 'not-an-array', folderId: 'f' }, { paths: [], folderId: 'f' }, { paths: ['/a'], folderId: 'f', extra: 1 }]) {
      await expect(call('uploads:enqueue', payload)).rejects.toThrow(IpcRequestError);
    }
    expect(handlers['uploads:enqueue']).not.toHaveBeenCalled();
  });

  it('refuses a handler answer that is outside the contract', async () => {
    const { call, handlers } = setup();
    handlers['auth:status'] = vi.fn(async () => ({ signedIn: true, token: 'fio-u-leak' })) as never;
    await expect(call('auth:status', {})).rejects.toThrow();
  });
});

describe('registerDropReports', () => {
  it('grants a dropped path reported by our window’s preload; anything else is ignored', () => {
    type Listener = (event: IpcMainInvokeEvent, path: unknown) => void;
    let listener: Listener | null = null;
    const ipcMain = { on: (channel: string, fn: Listener) => void (channel === 'files:dropped' && (listener = fn)) };
    const mainFrame = { url: `${APP_ORIGIN}/index.html` };
    const ours = { mainFrame } as unknown as WebContents;
    const dropped: string[][] = [];
    registerDropReports(ipcMain as unknown as Parameters<typeof registerDropReports>[0], (paths) => void dropped.push(paths), new Set([ours]));
    const report = listener as unknown as Listener;
    report({ sender: ours, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent, '/footage/A001.mov');
    const stranger = { mainFrame: { url: 'https://evil.example/' } } as unknown as WebContents;
    report({ sender: stranger, senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent, '/etc/passwd');
    report({ sender: ours, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent, { path: '/etc/passwd' });
    expect(dropped).toEqual([['/footage/A001.mov']]);
  });
});
