#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx's loader, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK (used by the sandbox) warns on every start that releases after January 2027 need Node 22; our
// versions are pinned in package-lock.json, so the warning only adds noise to a user's terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
