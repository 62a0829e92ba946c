// The desktop build and what electron-builder packs from it.
// - The main bundle carries its JavaScript dependencies: only `electron`, the native keychain addon and Node
//   built-ins stay outside (esbuild's metafile), the sandbox and the AWS SDK are reached only through the lazy
//   "Try the sandbox" import, and the built files really load in plain Node (load-built-main.mjs).
// - Packing (`dir` target, against a stub Electron: no Electron binary can be downloaded here) puts the bundles and
//   the keychain package in app.asar and nothing else: no sources, tests, maps or CLI dependencies, with the .node
//   addon unpacked. Fuses are switched off for this run only: flipping them needs a real binary.
// Sizes measured when the main bundle took in its dependencies (decision 0013): app.asar 11.6 MB -> 2.8 MB,
// app.asar.unpacked 26.4 MB -> 3.5 MB. The bound leaves room for the renderer.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const ASAR_BOUND_BYTES = 6 * 1024 * 1024;

interface Metafile {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
}

let work = '';
let meta: Metafile;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ferry-pack-'));
  await run(process.execPath, [path.join(root, 'scripts/build-desktop.mjs')], { cwd: root });
  meta = JSON.parse(await readFile(path.join(root, 'dist/meta/main.json'), 'utf8')) as Metafile;
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** The built file (relative to the repository) that esbuild made for this entry point. */
function outputFor(entryPoint: string): string {
  const found = Object.entries(meta.outputs).find(([, output]) => output.entryPoint === entryPoint);
  if (!found) throw new Error(`no output for ${entryPoint}`);
  return found[0];
}

/** Every source file evaluated when this output is loaded, following static imports between chunks. */
function staticInputs(output: string, seen = new Set<string>()): string[] {
  if (seen.has(output)) return [];
  seen.add(output);
  const { inputs, imports } = meta.outputs[output]!;
  return [...Object.keys(inputs), ...imports.filter((i) => !i.external && i.kind === 'import-statement').flatMap((i) => staticInputs(i.path, seen))];
}

describe('desktop main bundle', () => {
  it('leaves only electron, the keychain addon and Node built-ins to be resolved at run time', () => {
    const externals = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    expect([...externals].filter((name) => !isBuiltin(name)).sort()).toEqual(['@napi-rs/keyring', 'electron']);
  });

  it('starts without reading the sandbox or the AWS SDK, which only "Try the sandbox" loads', () => {
    const atStart = staticInputs(outputFor('src/main/index.ts'));
    expect(atStart).toEqual(expect.arrayContaining(['src/main/main.ts', expect.stringMatching(/^node_modules\/got\//), expect.stringMatching(/^node_modules\/zod\//)]));
    expect(atStart.filter((input) => input.startsWith('src/sandbox/') || input.includes('node_modules/@aws-sdk/') || input.includes('node_modules/@smithy/'))).toEqual([]);
    expect(staticInputs(outputFor('src/sandbox/index.ts'))).toEqual(expect.arrayContaining(['src/sandbox/start.ts', expect.stringMatching(/^node_modules\/@aws-sdk\/s3-request-presigner\//)]));
  });

  it('loads in plain Node: the entry with a stub electron, and the sandbox chunk through one part upload', async () => {
    const scratch = path.join(work, 'sandbox-data');
    await mkdir(scratch);
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'tests/integration/packaging/load-built-main.mjs'), path.join(root, 'dist/main'), path.join(root, outputFor('src/sandbox/index.ts')), scratch],
      { cwd: root, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    );
    expect(JSON.parse(stdout.trim())).toEqual({ quit: true, created: 201, put: 200 });
  }, 60_000);
});

describe('packaging', () => {
  it('app.asar holds the bundles, package.json and the keychain package only, with the addon unpacked', async () => {
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

    const resources = path.join(work, 'out', 'linux-unpacked', 'resources');
    const asarPath = path.join(resources, 'app.asar');
    const asar = await import('@electron/asar');
    const entries = asar.listPackage(asarPath, { isPack: false });

    const ours = entries.filter((e) => !e.startsWith('/node_modules'));
    const bundles = Object.keys(meta.outputs).filter((o) => o.endsWith('.js')).map((o) => `/${o}`);
    expect(bundles.length).toBeGreaterThan(1); // the entry and its chunks
    expect(ours).toEqual(expect.arrayContaining([...bundles, '/dist/preload/preload.cjs', '/package.json']));
    expect(ours.filter((e) => e.startsWith('/src') || e.startsWith('/tests') || e.startsWith('/bench') || e.endsWith('.map') || e.endsWith('.ts'))).toEqual([]);

    const modules = entries.filter((e) => e.startsWith('/node_modules/'));
    expect(modules).toContain('/node_modules/@napi-rs/keyring/index.js');
    expect(modules.filter((e) => !/^\/node_modules\/@napi-rs(\/keyring(-[^/]+)?(\/.*)?)?$/.test(e))).toEqual([]);
    for (const gone of ['tsx', 'esbuild', '@aws-sdk', 'commander', 'got', 'zod']) {
      expect(entries.some((e) => e.startsWith(`/node_modules/${gone}/`) || e === `/node_modules/${gone}`), gone).toBe(false);
    }

    // The platform package's .node addon is a real file next to app.asar (a native module cannot load from inside it).
    const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs');
    const platformPackages = (await readdir(unpacked)).filter((name) => name.startsWith('keyring-'));
    expect(platformPackages).toHaveLength(1);
    const addons = (await readdir(path.join(unpacked, platformPackages[0]!))).filter((name) => name.endsWith('.node'));
    expect(addons).toHaveLength(1);
    expect(await readdir(path.join(resources, 'app.asar.unpacked', 'node_modules'))).toEqual(['@napi-rs']);

    expect((await stat(asarPath)).size).toBeLessThan(ASAR_BOUND_BYTES);
  }, 240_000);
});
