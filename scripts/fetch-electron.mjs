// Electron's own install step downloads its binary from GitHub. npm's `allowScripts` skips that step so that
// `npm install` succeeds offline; here we try the download ourselves and, when it cannot happen, say so in one
// line and carry on: the CLI, the sandbox and the tests need no Electron binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = require.resolve('electron/install.js');
} catch {
  process.exit(0); // electron not installed (production install): nothing to fetch
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
const pathFile = installScript.replace(/install\.js$/, 'path.txt');
if (existsSync(pathFile)) process.exit(0); // already downloaded

const result = spawnSync(process.execPath, [installScript], { stdio: 'pipe', timeout: 120_000 });
if (result.status === 0) {
  console.log('ferry: Electron binary installed.');
} else {
  console.log('ferry: the Electron binary could not be downloaded (offline?). `npm start` opens the same window in your browser instead; the CLI and the sandbox need no Electron.');
}
process.exit(0);
