// Bundles the CLI into dist/cli.mjs (dependencies stay in node_modules). Running from the bundle starts in about
// 0.5 s and ~25 MB less memory than compiling the TypeScript through tsx on every start (docs/benchmarks.md).
// bin/ferry.mjs uses the bundle only while it is newer than every source file, so a stale bundle is never run.
//
// Code split (issue 14): what only some commands need — the sandbox with the AWS SDK, the OS keychain's native
// module — is imported lazily in the sources, and esbuild puts it in chunks of its own (dist/cli-chunks/) that are
// loaded only when used. One file would hoist every package import to its top: `ferry upload --token …` would load
// the AWS SDK and the keychain at start-up (~12 MB of RSS, 4 MB of heap, for nothing).
// `node scripts/build-cli.mjs --outdir DIR` builds elsewhere (a test checks what the bundle loads).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? path.resolve(process.argv[at + 1]) : 'dist';
const chunks = 'cli-chunks';

await rm(path.join(outdir, chunks), { recursive: true, force: true }); // chunks of an earlier build
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  chunkNames: `${chunks}/[name]-[hash]`,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
