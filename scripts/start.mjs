// `npm start`: builds the desktop app and opens it. Where the Electron binary is missing (it downloads from GitHub,
// which some machines cannot reach), it says so plainly and opens the same window in the browser instead: the
// preview runs the desktop app's own handlers, engine and sandbox (see src/main/browser-host).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
await import('./build-desktop.mjs');

function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const run = (command, args) =>
  new Promise((resolve) => {
    // The AWS SDK (inside the sandbox) warns about Node releases after January 2027; versions are pinned.
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env } });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const electron = electronBinary();
if (electron && !process.argv.includes('--preview')) {
  process.exit(await run(electron, ['.']));
}

if (!process.argv.includes('--preview')) {
  console.log(
    [
      'ferry: the Electron binary is not installed here, so the desktop window cannot open.',
      '  It downloads from GitHub during `npm install`; run `node node_modules/electron/install.js` where GitHub is reachable.',
      '  Meanwhile the same window runs in your browser, on the same engine (with its own file chooser; dropped files are copied first).',
      '  Headless uploads: `npx ferry --help`.',
      '',
    ].join('\n'),
  );
}
process.exit(await run(process.execPath, ['--import', 'tsx', 'src/main/browser-host/preview.ts']));
