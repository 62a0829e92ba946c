// The browser host's stand-in for the preload: the same DesktopApi, built from the same channel list, but carried
// over HTTP (POST per call, Server-Sent Events for pushes) to the browser host, which runs the real handlers.
// A plain browser cannot see a dropped file's path, which Electron's webUtils gives the preload, nor open a native
// file dialog: the bridge adds `host` (src/shared/local-host-api.ts), whose chooser lists this computer's folders
// through the host and whose spool streams a dropped File to the host, which grants what it wrote. (Tests may still
// register a path for a File they drop through `window.__ferryHost.registerPath`, which reports the drop to main —
// POST /__host/dropped, the preload's DROPPED_CHANNEL: main grants only reported paths.)
import type { DesktopApi } from '../shared/desktop-api';
import { splitChannel } from '../shared/desktop-api';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channel-names';
import type { LocalHostApi, LocalListing, SpoolItem, SpoolProgress } from '../shared/local-host-api';

/** A small JSON call to one of the host's own routes; its `error` (or the status) becomes the thrown message. */
async function call<T>(fetchImpl: typeof fetch, route: string, body: unknown, method = 'POST'): Promise<T> {
  const response = await fetchImpl(route, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `the host answered ${response.status}`);
  return answer;
}

/** One file's bytes to the spool, streamed by the browser from disk (XMLHttpRequest: it reports upload progress). */
function sendFile(url: string, file: File, onBytes: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.upload.onprogress = (event) => onBytes(event.loaded);
    request.onload = () => {
      if (request.status === 200) return resolve();
      let message = `the host refused ${file.name} (${request.status})`;
      try {
        message = (JSON.parse(request.responseText) as { error?: string }).error ?? message;
      } catch {
        // the status says it
      }
      reject(new Error(message));
    };
    request.onerror = () => reject(new Error(`${file.name} could not be read or sent (was it moved or deleted?)`));
    request.send(file);
  });
}

export function buildLocalHostApi(fetchImpl: typeof fetch): LocalHostApi {
  return Object.freeze({
    list: (request: { path?: string; hidden?: boolean }) => call<LocalListing>(fetchImpl, '/__host/local/list', request),
    choose: async (paths: string[]) => (await call<{ paths: string[] }>(fetchImpl, '/__host/local/choose', { paths })).paths,
    async spool(items: SpoolItem[], onProgress: (progress: SpoolProgress) => void) {
      const { dropId } = await call<{ dropId: string }>(fetchImpl, '/__host/spool', {});
      const progress: SpoolProgress = { files: items.length, doneFiles: 0, bytes: items.reduce((n, i) => n + i.file.size, 0), doneBytes: 0 };
      onProgress({ ...progress });
      try {
        for (const item of items) {
          const before = progress.doneBytes;
          await sendFile(`/__host/spool/${dropId}?path=${encodeURIComponent(item.path)}`, item.file, (sent) => onProgress({ ...progress, doneBytes: before + sent }));
          progress.doneBytes = before + item.file.size;
          progress.doneFiles += 1;
          onProgress({ ...progress });
        }
        const { paths } = await call<{ paths: string[] }>(fetchImpl, `/__host/spool/${dropId}/done`, {});
        return { dropId, paths };
      } catch (error) {
        await call(fetchImpl, `/__host/spool/${dropId}`, {}, 'DELETE').catch(() => undefined);
        throw error;
      }
    },
    discard: async (dropId: string) => void (await call(fetchImpl, `/__host/spool/${encodeURIComponent(dropId)}`, {}, 'DELETE')),
  });
}

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
  const host = buildLocalHostApi(fetchImpl);
  return Object.freeze({ ...api, on, pathForFile: (file: File) => paths.get(file) ?? '', host }) as unknown as DesktopApi;
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
