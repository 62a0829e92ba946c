// The preload: exposes exactly DesktopApi (built from the IPC contract) as `window.ferry`, and nothing else —
// never ipcRenderer itself. Every `on` strips the Electron event and returns an unsubscribe function.
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import type { DesktopApi } from '../shared/desktop-api';
import { splitChannel } from '../shared/desktop-api';
import { DROPPED_CHANNEL, EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channel-names';
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

/** A dropped File's path, reported to main (which grants the window that path: the only way a drop becomes uploadable). */
function droppedPath(file: File): string {
  const path = webUtils.getPathForFile(file);
  if (path) ipcRenderer.send(DROPPED_CHANNEL, path); // sent before the preflight that follows: one ordered pipe
  return path;
}

contextBridge.exposeInMainWorld('ferry', buildDesktopApi(ipcRenderer, droppedPath));
