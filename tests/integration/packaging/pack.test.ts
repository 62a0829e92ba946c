// Packs the desktop app with electron-builder (`dir` target) against a stub Electron: no Electron binary can be
// downloaded here, and the point is the `files` globs: app.asar must hold the built bundles and nothing of the
// sources, tests or source maps. (Fuses are switched off for this run only: flipping them needs a real binary.)
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let work = '';
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('packaging', () => {
  it('app.asar holds the main and preload bundles and package.json, and no sources, tests or maps', async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'ferry-pack-'));
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts/build-desktop.mjs')], { cwd: root });
    const stub = path.join(work, 'electron-stub');
    await mkdir(stub);
    await writeFile(path.join(stub, 'electron'), '#!/bin/sh\n');
    await chmod(path.join(stub, 'electron'), 0o755);

    const { build, Platform } = await import('electron-builder');
    const { load } = await import('js-yaml');
    const config = load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: { ...config, electronFuses: null, electronDist: stub, electronVersion: '41.7.1', directories: { ...(config.directories as object), output: path.join(work, 'out') } },
    });

    const asar = await import('@electron/asar');
    const entries = asar.listPackage(path.join(work, 'out', 'linux-unpacked', 'resources', 'app.asar'), { isPack: false });
    const ours = entries.filter((e) => !e.startsWith(`${path.sep}node_modules`));
    expect(ours).toEqual(expect.arrayContaining(['/dist/main/index.js', '/dist/preload/preload.cjs', '/package.json']));
    expect(ours.filter((e) => e.startsWith('/src') || e.startsWith('/tests') || e.startsWith('/bench') || e.endsWith('.map') || e.endsWith('.ts'))).toEqual([]);
  }, 240_000);
});
