#!/usr/bin/env node
// Starts the ferry CLI: from the prebuilt bundle (dist/cli.mjs, made by `npm install` / `npm run build:cli`) when it
// is newer than every file in src/, otherwise straight from the TypeScript sources through tsx's loader — so a
// checkout always runs the code it holds, and an installed copy starts fast.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The AWS SDK (used by the sandbox) warns on every start that releases after January 2027 need Node 22; our
// versions are pinned in package-lock.json, so the warning only adds noise to a user's terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'dist', 'cli.mjs');

function newestSourceMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.FERRY_FROM_SOURCE) return false;
  try {
    return statSync(bundle).mtimeMs > newestSourceMs(path.join(root, 'src'));
  } catch {
    return false; // no bundle (or no src/ in an installed package without sources)
  }
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
