// The browser host's stand-in for the preload: the same DesktopApi, built from the same channel list, but carried
// over HTTP (POST per call, Server-Sent Events for pushes) to the browser host, which runs the real handlers.
// A plain browser cannot see a dropped file's path, which Electron's webUtils gives the preload; tests register
// the path of each File they drop through `window.__ferryHost.registerPath` instead, and that registration is what
// reports the drop to main (POST /__host/dropped, the preload's DROPPED_CHANNEL): main grants only reported paths.
import type { DesktopApi } from '../shared/desktop-api';
import { splitChannel } from '../shared/desktop-api';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channel-names';

export function buildHttpDesktopApi(fetchImpl: typeof fetch, openEvents: () => EventSource, paths: WeakMap<File, string>, reported: () => Promise<unknown> = async () => undefined): DesktopApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of INVOKE_CHANNELS) {
    const [group, verb] = splitChannel(channel);
    (api[group] ??= {})[verb] = async (request?: unknown) => {
      await reported(); // a drop's report reaches main before the preflight that follows it, as over IPC
      const response = await fetchImpl(`/__host/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      });
      const body = (await response.json()) as { value?: unknown; error?: string };
      if (body.error !== undefined) throw new Error(body.error);
      return body.value;
    };
  }
  let source: EventSource | null = null;
  const on = (event: string, listener: (payload: unknown) => void) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`unknown event "${event}"`);
    source ??= openEvents();
    const wrapped = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    source.addEventListener(event, wrapped as EventListener);
    return () => source?.removeEventListener(event, wrapped as EventListener);
  };
  return Object.freeze({ ...api, on, pathForFile: (file: File) => paths.get(file) ?? '' }) as unknown as DesktopApi;
}

declare global {
  interface Window {
    ferry: DesktopApi;
    __ferryHost?: { registerPath(file: File, path: string): void };
  }
}

if (typeof window !== 'undefined' && typeof EventSource !== 'undefined') {
  const paths = new WeakMap<File, string>();
  let reports: Promise<unknown> = Promise.resolve();
  const report = (path: string) => {
    const sent = fetch('/__host/dropped', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path }) }).catch(() => undefined);
    reports = Promise.all([reports, sent]);
  };
  window.ferry = buildHttpDesktopApi(window.fetch.bind(window), () => new EventSource('/__host/events'), paths, () => reports);
  window.__ferryHost = Object.freeze({
    registerPath: (file: File, path: string) => {
      paths.set(file, path);
      report(path);
    },
  });
}
