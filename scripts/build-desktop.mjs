// Builds the desktop app's main and preload bundles into dist/ (the renderer's build arrives with the UI).
// Main is ESM (package "type": "module"); the sandboxed preload must be a single CommonJS file with nothing but
// `electron` left to require, because a sandboxed preload cannot load other modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['src/main/index.ts'],
  outfile: 'dist/main/index.js',
  format: 'esm',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['src/preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
