// How to name the ferry command in advice, so a hint can be pasted as it is: `npm run ferry --` under npm,
// `node bin/ferry.mjs` when started through the checkout's script (no `ferry` on the PATH then), else `ferry`
// (installed, or `npm link`ed: the PATH's own name for it). `npx ferry` does not reach a checkout's bin.
import path from 'node:path';

export function ferryCommand(argv1: string | undefined = process.argv[1], env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.npm_lifecycle_event === 'ferry') return 'npm run ferry --';
  if (!argv1 || path.basename(argv1) !== 'ferry.mjs') return 'ferry';
  const relative = path.relative(cwd, argv1);
  return `node ${relative.startsWith('..') || path.isAbsolute(relative) ? argv1 : relative}`;
}
