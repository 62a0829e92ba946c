// `npm start` where Electron is not installed: the same window in your browser, over the same handlers, engine and
// keychain as the desktop app (only the native file dialog and a dropped file's path need Electron). Prints the
// one-time URL and stops cleanly on Ctrl-C.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTokenStore } from '../../core/auth/keychain';
import { DesktopBackend } from '../backend/desktop-backend';
import { startBrowserHost } from './browser-host';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const stateDir = process.env.FERRY_STATE_DIR || path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'ferry');

const vault = await openTokenStore();
if (!vault.persistent) console.error('ferry: no system keychain is available here, so a Frame.io sign-in lasts until this preview stops (never written to disk).');
let host: Awaited<ReturnType<typeof startBrowserHost>> | null = null;
const backend = new DesktopBackend({
  vault: vault.store,
  keychainAvailable: vault.persistent,
  journalDir: path.join(stateDir, 'desktop-journal'),
  sandboxDataDir: path.join(stateDir, 'desktop-sandbox'),
  pickPaths: async () => {
    throw new Error('The file dialog needs the desktop app. In this preview, use `ferry upload <paths>` in a terminal to add files.');
  },
  reveal: async () => undefined,
  // No protocol handler in a browser tab: the sign-in page is printed, and its final redirect (the address the browser
  // could not open, adobe+…://…) is posted to /__host/sign-in-redirect, which calls handleSignInRedirect.
  openExternal: async (url) => console.log(`Ferry preview: sign in on ${url}`),
  push: (event, payload) => host?.push(event, payload),
  settingsFile: path.join(stateDir, 'desktop-settings.json'),
  lastApiFile: path.join(stateDir, 'desktop-last-api.json'),
});
await backend.restoreOrSandbox();
host = await startBrowserHost({
  handlers: backend.handlers(),
  rendererDir: path.join(root, 'dist/renderer'),
  bridgePath: path.join(root, 'dist/browser-host/bridge.js'),
  port: Number(process.env.FERRY_PREVIEW_PORT) || 0,
  signInRedirect: (url) => backend.handleSignInRedirect(url),
  onDropped: (paths) => backend.grantDropped(paths),
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
