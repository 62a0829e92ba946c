// Every IPC call is checked against its sender before its payload is even parsed: the call must come from the main
// frame of a window this app created, showing our own origin. Anything else (an iframe, a navigated page, a window
// we did not create) is refused.
import type { IpcMainInvokeEvent, WebContents } from 'electron';

/** The renderer is served from this custom protocol (see window.ts); no other origin may talk to main. */
export const APP_ORIGIN = 'app://ferry';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, ours: ReadonlySet<WebContents>): boolean {
  const frame = event.senderFrame;
  if (!frame || !ours.has(event.sender)) return false;
  if (frame !== event.sender.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}
