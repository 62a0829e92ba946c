// The preload: exposes exactly DesktopApi (built from the IPC contract) as `window.ferry`, and nothing else —
// never ipcRenderer itself. Every `on` strips the Electron event and returns an unsubscribe function.
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import type { DesktopApi } from '../shared/desktop-api';
import { splitChannel } from '../shared/desktop-api';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channel-names';
import type { EventChannel } from '../shared/ipc/contract';

export function buildDesktopApi(
  renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>,
  pathForFile: (file: File) => string,
): DesktopApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of INVOKE_CHANNELS) {
    const [group, verb] = splitChannel(channel);
    (api[group] ??= {})[verb] = (request?: unknown) => renderer.invoke(channel, request ?? {});
  }
  const on = (event: EventChannel, listener: (payload: unknown) => void) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`unknown event "${String(event)}"`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    renderer.on(event, wrapped);
    return () => void renderer.removeListener(event, wrapped);
  };
  return Object.freeze({ ...api, on, pathForFile: (file: File) => pathForFile(file) }) as unknown as DesktopApi;
}

contextBridge.exposeInMainWorld('ferry', buildDesktopApi(ipcRenderer, (file) => webUtils.getPathForFile(file)));
