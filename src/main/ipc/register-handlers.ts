// The only place that touches ipcMain: one wrapper checks the sender and validates the payload against the contract
// for every channel, so each handler only maps a valid request onto the core. A refused call changes nothing.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { invokeChannels, type InvokeChannel, parseRequest, type ResponseOf } from '../../shared/ipc/contract';
import type { z } from 'zod';
import { DROPPED_CHANNEL } from '../../shared/ipc/channel-names';
import { isTrustedSender } from './trusted-sender';

export type Handlers = {
  [C in InvokeChannel]: (request: z.output<(typeof invokeChannels)[C]['request']>) => Promise<ResponseOf<C>>;
};

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/** The checks the IPC wrapper runs, exposed so the browser test host can call handlers exactly the same way. */
export async function dispatch<C extends InvokeChannel>(handlers: Handlers, channel: C, payload: unknown): Promise<ResponseOf<C>> {
  const request = parseRequest(channel, payload);
  const response = await handlers[channel](request);
  // A handler answering outside the contract is a bug in main: fail loudly here, not in the renderer.
  return invokeChannels[channel].response.parse(response) as ResponseOf<C>;
}

/** The preload's report of a dropped File's path (DROPPED_CHANNEL): from our window only, a string, absolute or not
 * at all (PathGrants ignores the rest). */
export function registerDropReports(ipcMain: Pick<IpcMain, 'on'>, onDropped: (paths: string[]) => void, ours: ReadonlySet<WebContents>): void {
  ipcMain.on(DROPPED_CHANNEL, (event, path: unknown) => {
    if (!isTrustedSender(event, ours) || typeof path !== 'string' || path.length > 4096) return;
    onDropped([path]);
  });
}

export function registerHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, ours: ReadonlySet<WebContents>): void {
  for (const channel of Object.keys(invokeChannels) as InvokeChannel[]) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event, ours)) throw new UntrustedSenderError(`${channel}: refused a call from an untrusted sender`);
      return dispatch(handlers, channel, payload);
    });
  }
}
