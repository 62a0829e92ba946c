// Builds the renderer (React app → dist/renderer/app.js + app.css + index.html) and the browser host's bridge
// (dist/browser-host/bridge.js). Imported by build-desktop.mjs, or run on its own: `node scripts/build-renderer.mjs`.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const production = process.env.NODE_ENV !== 'development';
const common = { bundle: true, platform: 'browser', target: ['chrome120'], logLevel: 'warning', minify: production, sourcemap: !production,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') } };

await mkdir('dist/renderer', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: { app: 'src/renderer/main.tsx' }, outdir: 'dist/renderer', format: 'esm', jsx: 'automatic', loader: { '.css': 'css' } }),
  build({ ...common, entryPoints: { app: 'src/renderer/styles.css' }, outdir: 'dist/renderer' }),
  build({ ...common, entryPoints: ['src/preload/http-bridge.ts'], outfile: 'dist/browser-host/bridge.js', format: 'iife' }),
  copyFile('src/renderer/index.html', 'dist/renderer/index.html'),
]);
