// `npm start` where Electron is not installed: the same window in your browser, over the same handlers, engine and
// keychain as the desktop app. What needs Electron has a stand-in: "Add files…"/"Add folder…" open an in-page
// chooser served by the host (local-routes.ts), and a file dropped from the OS (which has no path in a browser) is
// streamed to a private spool under the state dir and uploaded from there (spool.ts). Prints the one-time URL and
// stops cleanly on Ctrl-C.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTokenStore } from '../../core/auth/keychain';
import { DesktopBackend } from '../backend/desktop-backend';
import { startBrowserHost } from './browser-host';
import { Spool } from './spool';
import { releaseWhenSettled, sweepSpool } from './spool-lifecycle';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const stateDir = process.env.FERRY_STATE_DIR || path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'ferry');

const journalDir = path.join(stateDir, 'desktop-journal');
// Dropped files the page streamed here; what an earlier run left and no unfinished upload needs goes now.
const spool = new Spool(path.join(stateDir, 'browser-spool'));
await sweepSpool(spool, journalDir).catch((error: unknown) => console.error(`ferry: could not tidy the browser spool: ${String(error)}`));

const vault = await openTokenStore();
if (!vault.persistent) console.error('ferry: no system keychain is available here, so a Frame.io sign-in lasts until this preview stops (never written to disk).');
let host: Awaited<ReturnType<typeof startBrowserHost>> | null = null;
const backend = new DesktopBackend({
  vault: vault.store,
  keychainAvailable: vault.persistent,
  journalDir,
  sandboxDataDir: path.join(stateDir, 'desktop-sandbox'),
  // The window opens its in-page chooser instead (window.ferry.host); nothing in it asks for the native dialog.
  pickPaths: async () => {
    throw new Error('The native file dialog needs the desktop app: use Add files… in this window (its own chooser).');
  },
  reveal: async () => undefined,
  // No protocol handler in a browser tab: the sign-in page is printed, and its final redirect (the address the browser
  // could not open, adobe+…://…) is posted to /__host/sign-in-redirect, which calls handleSignInRedirect.
  openExternal: async (url) => console.log(`Ferry preview: sign in on ${url}`),
  push: (event, payload) => {
    host?.push(event, payload);
    released(event, payload);
  },
  settingsFile: path.join(stateDir, 'desktop-settings.json'),
  lastApiFile: path.join(stateDir, 'desktop-last-api.json'),
});
const released = releaseWhenSettled(spool, (id) => backend.uploadPath(id), (error) => console.error(`ferry: could not remove a spooled file: ${String(error)}`));
await backend.restoreOrSandbox();
host = await startBrowserHost({
  handlers: backend.handlers(),
  rendererDir: path.join(root, 'dist/renderer'),
  bridgePath: path.join(root, 'dist/browser-host/bridge.js'),
  port: Number(process.env.FERRY_PREVIEW_PORT) || 0,
  signInRedirect: (url) => backend.handleSignInRedirect(url),
  onDropped: (paths) => backend.grantDropped(paths),
  local: { grant: (paths) => backend.grantDropped(paths), spool },
});
console.log(`Ferry preview: open ${host.url}\n(Ctrl-C to stop)`);

// Ctrl-C reaches this process twice (from the terminal and forwarded by scripts/start.mjs): stop once, completely
// (final journal writes, the sandbox), whatever arrives meanwhile.
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host?.close();
  await backend.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
