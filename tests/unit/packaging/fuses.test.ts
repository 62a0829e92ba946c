// Electron fuses (review finding 7): the packaged binary is flipped to its safest settings. The window loads from
// `app://` (src/main/main.ts), so nothing needs file:// pages' extra privileges, running as plain Node, NODE_OPTIONS
// or the inspector flags: each of those fuses must be set off, and the integrity ones on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** The `electronFuses:` block of electron-builder.yml as key → boolean (a flat block of `  key: true|false`). */
function fuses(): Record<string, boolean> {
  const lines = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line));
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThanOrEqual(0);
  const found: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\s+#/.test(line)) continue;
    const m = /^\s+(\w+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!m?.[1]) break;
    found[m[1]] = m[2] === 'true';
  }
  return found;
}

describe('electron fuses', () => {
  it('turns off every way in that the app does not use', () => {
    expect(fuses()).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps the integrity fuses on', () => {
    expect(fuses()).toMatchObject({ enableCookieEncryption: true, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
  });

  it('loads the window from app://, never from file:// (which the fuse above would cripple)', () => {
    const main = readFileSync(path.join(root, 'src/main/main.ts'), 'utf8');
    expect(main).toMatch(/loadURL\(`\$\{APP_ORIGIN\}/);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });
});
