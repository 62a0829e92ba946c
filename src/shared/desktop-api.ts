// The renderer's whole view of the app, derived from the IPC contract: `api.uploads.enqueue({...})` for the channel
// 'uploads:enqueue', and `api.on('uploads:progress', cb)` returning an unsubscribe function.
import type { EventChannel, EventOf, InvokeChannel, RequestOf, ResponseOf } from './ipc/contract';
import type { LocalHostApi } from './local-host-api';

type GroupOf<C> = C extends `${infer G}:${string}` ? G : never;
type VerbOf<C, G extends string> = C extends `${G}:${infer V}` ? V : never;

export type DesktopApi = {
  [G in GroupOf<InvokeChannel>]: {
    [V in VerbOf<InvokeChannel, G>]: `${G}:${V}` extends infer C extends InvokeChannel ? (request: RequestOf<C>) => Promise<ResponseOf<C>> : never;
  };
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** The local path of a dropped file or folder (Electron's webUtils.getPathForFile); '' when it has none. Main
   * re-validates every path it receives. */
  pathForFile(file: File): string;
  /** Only in the browser window (local-host-api.ts): its in-page chooser and the spool for dropped files. */
  host?: LocalHostApi;
};

/** 'uploads:enqueue' → ['uploads', 'enqueue']: how the preload builds the nested object from the channel list. */
export function splitChannel(channel: InvokeChannel): [group: string, verb: string] {
  const [group = '', verb = ''] = channel.split(':');
  return [group, verb];
}
