// The line `npm install` prints when the Electron binary cannot be downloaded must say what `npm start` then really
// does (issue 13 §7): it opens the same window in the browser (scripts/start.mjs), it does not "need" Electron.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** Runs a copy of scripts/fetch-electron.mjs next to an `electron` package whose own installer fails (offline). */
function postinstallOffline(): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-postinstall-'));
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(path.join(dir, 'node_modules/electron'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules/electron/package.json'), '{"name":"electron","version":"0.0.0"}');
  writeFileSync(path.join(dir, 'node_modules/electron/install.js'), 'console.error("getaddrinfo ENOTFOUND github.com"); process.exit(1);');
  copyFileSync(path.join(root, 'scripts/fetch-electron.mjs'), path.join(dir, 'scripts/fetch-electron.mjs'));
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const run = spawnSync(process.execPath, [path.join(dir, 'scripts/fetch-electron.mjs')], { encoding: 'utf8', env });
  expect(run.status).toBe(0); // an offline install carries on
  return run.stdout + run.stderr;
}

describe('the postinstall line without Electron', () => {
  it('says npm start opens the window in the browser, which is what scripts/start.mjs does', () => {
    const line = postinstallOffline();
    expect(line).toMatch(/could not be downloaded/);
    expect(line).toMatch(/`npm start` opens the same window in your browser/);
    expect(line).not.toMatch(/needs it/);
    const start = readFileSync(path.join(root, 'scripts/start.mjs'), 'utf8');
    expect(start).toMatch(/the same window runs in your browser/);
    expect(start).toMatch(/preview/);
  });
});
