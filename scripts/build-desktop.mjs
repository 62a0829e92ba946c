// Builds the desktop app into dist/: the main process (ESM, dist/main/), the preload (one CommonJS file) and, when
// its build script exists, the renderer. Main is ESM (package "type": "module"); the sandboxed preload must be a
// single CommonJS file with nothing but `electron` left to require, because a sandboxed preload cannot load other
// modules.
//
// Main carries its JavaScript dependencies (got, zod, mime, xxhash-wasm with its inlined wasm, and the sandbox with
// the AWS SDK presigner), so app.asar needs no node_modules but the native keychain addon: see
// docs/decisions/0013-bundle-main-deps.md. Code splitting keeps the sandbox (most of the bytes) in a chunk that is
// only read when the user picks "Try the sandbox". dist/meta/main.json is esbuild's metafile, for the packaging
// test and for anyone asking what takes the space; it is not packed.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

process.chdir(fileURLToPath(new URL('..', import.meta.url))); // paths below are relative to the repository

/** Left to Electron (`electron`) and to node_modules in app.asar (the keychain's .node addon cannot be bundled). */
const MAIN_EXTERNAL = ['electron', '@napi-rs/keyring'];

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await rm('dist/main', { recursive: true, force: true }); // no stale chunks from an earlier build
const main = await build({
  ...common,
  entryPoints: ['src/main/index.ts'],
  outdir: 'dist/main',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  splitting: true,
  external: MAIN_EXTERNAL,
  metafile: true,
  // Bundled CommonJS (got's and the AWS SDK's dependencies) calls require() for Node built-ins; an ES module has none.
  banner: { js: "import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);" },
});
await mkdir('dist/meta', { recursive: true });
await writeFile('dist/meta/main.json', JSON.stringify(main.metafile));

await build({
  ...common,
  entryPoints: ['src/preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

// The renderer's build script builds when imported (top-level await).
const renderer = new URL('./build-renderer.mjs', import.meta.url);
if (existsSync(renderer)) await import(renderer.href);
