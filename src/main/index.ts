// The desktop app's entry: the built bundles sit side by side (dist/main/index.js, dist/preload/preload.js,
// dist/renderer/). Building them and launching with `npm start` where Electron is installed come with the rest of
// the desktop-shell issue.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTokenStore } from '../core/auth/keychain';
import { startMain } from './main';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

void startMain({
  rendererDir: path.join(dist, 'renderer'),
  preloadPath: path.join(dist, 'preload', 'preload.cjs'),
  openVault: openTokenStore,
});
