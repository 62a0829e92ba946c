// Which renderer the frame-time bench measures. By default the committed one: HEAD's src, the e2e harness and the
// build script are exported (git archive) to a temporary folder and built there, so edits in progress in the
// working tree neither change the numbers nor break the build, and dist/ is left alone. `--renderer working`
// builds the working tree instead (into dist/, as the e2e tests do), to measure a change before committing it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { REPO } from '../lib/tools.js';

export type RendererSource = 'head' | 'working';

export interface PreparedRenderer {
  /** A folder laid out like the repository: src/, tests/e2e/support/, dist/renderer/, dist/browser-host/. */
  root: string;
  /** "1b93cd2", or "1b93cd2 + uncommitted changes in src/renderer" for the working tree. */
  describe: string;
  /** True when `root` is a temporary folder, which dispose() removes. */
  temporary: boolean;
  dispose(): Promise<void>;
}

const git = (...args: string[]) => execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8' }).trim();

function build(root: string): void {
  execFileSync(process.execPath, ['scripts/build-renderer.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
}

export async function prepareRenderer(source: RendererSource): Promise<PreparedRenderer> {
  const commit = git('rev-parse', '--short', 'HEAD');
  if (source === 'working') {
    build(REPO);
    const dirty = git('status', '--porcelain', '--', 'src/renderer', 'src/shared', 'src/preload') !== '';
    return { root: REPO, describe: `${commit}${dirty ? ' + uncommitted changes in src/' : ''} (working tree)`, temporary: false, dispose: async () => undefined };
  }
  const root = await mkdtemp(join(os.tmpdir(), 'ferry-ui-bench-'));
  try {
    const paths = ['src', 'tests/e2e/support', 'scripts/build-renderer.mjs', 'package.json', 'tsconfig.json'];
    execFileSync('bash', ['-c', 'git -C "$1" archive --format=tar HEAD -- "${@:3}" | tar -x -C "$2"', 'archive', REPO, root, ...paths]);
    await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
    build(root);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { root, describe: `${commit} (HEAD, built apart from the working tree)`, temporary: true, dispose: () => rm(root, { recursive: true, force: true }) };
}
