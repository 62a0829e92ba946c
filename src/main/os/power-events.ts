// Tells the upload engine what the OS knows about the network before a socket finds out: a file waiting for the
// network then resumes as soon as the link is back, not after up to 10 s of probe backoff. Sleep/wake and screen
// unlock are when links most often come and go (a laptop lid), so they trigger a fresh look too.
import type { PowerMonitor } from 'electron';

/** Electron's net.isOnline() is cheap (a cached flag in the network service): polling it this often costs nothing
 * and keeps the worst-case delay after the link returns at 2 s instead of the gate's 10 s backoff. */
export const ONLINE_POLL_MS = 2_000;

export interface PowerEventDeps {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>;
  /** Electron's `net.isOnline()`: false is a strong "no network"; true only means "maybe". */
  isOnline: () => boolean;
  /** DesktopBackend.networkHint: forwards to the engine and tells the renderer. */
  networkHint: (online: boolean) => void;
  pollMs?: number;
}

/** Starts watching; the returned function stops it (called on quit). */
export function watchPowerEvents({ powerMonitor, isOnline, networkHint, pollMs = ONLINE_POLL_MS }: PowerEventDeps): () => void {
  let last = isOnline();
  const poll = setInterval(() => {
    const online = isOnline();
    if (online === last) return;
    last = online;
    networkHint(online);
  }, pollMs);
  // After a wake or an unlock the link may have changed without isOnline flipping (another Wi-Fi, a VPN coming up):
  // hint now. The hint is what the OS says at that moment rather than a blind "online": right after a wake a false
  // is reliable and "online" would mislead the renderer; the poll then reports the link's return within 2 s.
  const wake = () => {
    last = isOnline();
    networkHint(last);
  };
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  return () => {
    clearInterval(poll);
    powerMonitor.off('resume', wake);
    powerMonitor.off('unlock-screen', wake);
  };
}
