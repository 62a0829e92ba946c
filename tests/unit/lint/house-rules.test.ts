// The house rules in eslint.config.js (docs/decisions/0016-lint-house-rules.md) catch each deliberate breach and let
// the allowed cases through. Sources are linted as if they sat in src/ (lintText with a filePath); the cycle rule
// reads imported files from disk, so its probes are real files in src/core/__lint_probe_<random>/, removed after.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root }); // one instance: loading the config and the parsers is the slow part
});

interface Problem { ruleId: string | null; line: number; message: string }

/** The errors ESLint reports for `code` as the file `relPath` (relative to the repo root). */
async function lint(relPath: string, code: string): Promise<Problem[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, relPath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map(({ ruleId, line, message }) => ({ ruleId, line, message }));
}

const rules = (problems: Problem[]) => problems.map((p) => p.ruleId);
const BOUNDARY = 'ferry/no-restricted-imports';
const linesOf = (n: number) => Array.from({ length: n }, (_, i) => `export const a${i} = ${i};`).join('\n') + '\n';

describe('max-lines: no source file over 300 lines', () => {
  it('reports a 301-line file and accepts a 300-line one, counting every line', async () => {
    expect(rules(await lint('src/core/__probe-long.ts', linesOf(301)))).toEqual(['max-lines']);
    expect(await lint('src/core/__probe-long.ts', linesOf(300))).toEqual([]);
    const commentsAndBlanks = linesOf(250) + '\n'.repeat(30) + '// a comment\n'.repeat(21);
    expect(rules(await lint('src/renderer/__probe-long.tsx', commentsAndBlanks))).toEqual(['max-lines']);
  });
});

describe('folder boundaries', () => {
  it('preload imports only electron and src/shared', async () => {
    const breach = await lint('src/preload/__probe.ts',
      "import { planRanges } from '../core/upload/planner';\nexport const x = planRanges;\n");
    expect(rules(breach)).toEqual([BOUNDARY]);
    expect(breach[0]?.message).toMatch(/preload script imports only electron and src\/shared/);
    for (const spec of ['../main/ipc/register', '../renderer/app', 'node:fs', 'zod']) {
      expect(rules(await lint('src/preload/__probe.ts', `import * as m from '${spec}';\nexport const x = m;\n`)), spec)
        .toEqual([BOUNDARY]);
    }
    expect(await lint('src/preload/__probe.ts', [
      "import { contextBridge } from 'electron';",
      "import { splitChannel } from '../shared/desktop-api';",
      'export const x = [contextBridge, splitChannel];',
    ].join('\n') + '\n')).toEqual([]);
  });

  it('catches a dynamic import across a boundary (core → sandbox), with or without the index file', async () => {
    for (const spec of ['../sandbox/index.js', '../sandbox/index', '../sandbox', '../../cli/format']) {
      const problems = await lint('src/core/upload/__probe.ts', `export const x = () => import('${spec}');\n`);
      expect(rules(problems), spec).toEqual([BOUNDARY]);
    }
    expect(rules(await lint('src/core/__probe.ts', 'export const x = () => import(`electron`);\n'))).toEqual([BOUNDARY]);
    // A computed specifier cannot be checked, so it is refused rather than let through.
    expect(rules(await lint('src/core/__probe.ts', 'export const x = (p: string) => import(p);\n'))).toEqual([BOUNDARY]);
    expect(rules(await lint('src/renderer/__probe.ts', "export const x = () => import('node:fs');\n"))).toEqual([BOUNDARY]);
  });

  it('catches `export … from` re-exports across a boundary', async () => {
    expect(rules(await lint('src/core/__probe.ts', "export * from '../sandbox/index';\n"))).toEqual([BOUNDARY]);
    expect(rules(await lint('src/shared/__probe.ts', "export { formatBytes } from '../cli/format';\n"))).toEqual([BOUNDARY]);
    expect(rules(await lint('src/sandbox/__probe.ts', "export type { Plan } from '../core/upload/planner';\n")))
      .toEqual([BOUNDARY]);
  });

  it('lets main and the CLI start the sandbox with a dynamic import', async () => {
    const start = (spec: string) => `export async function start() {\n  const { startSandbox } = await import('${spec}');\n  return startSandbox;\n}\n`;
    expect(await lint('src/main/backend/__probe.ts', start('../../sandbox/index'))).toEqual([]);
    expect(await lint('src/cli/__probe.ts', start('../sandbox/index'))).toEqual([]);
    expect(await lint('src/cli/commands/__probe.ts', start('../../sandbox/index.js'))).toEqual([]);
  });

  it('keeps raw ipcMain inside src/main/ipc, for dynamic imports too', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(rules(await lint('src/main/window/__probe.ts', code))).toEqual([BOUNDARY]);
    expect(await lint('src/main/ipc/__probe.ts', code)).toEqual([]);
    expect(rules(await lint('src/main/window/__probe.ts', "export const x = () => import('electron');\n")))
      .toEqual([BOUNDARY]);
  });
});

describe('import-x/no-cycle: no import cycle between our modules', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Writes the files into a fresh probe folder in src/core and lints the ones named in `lintOnly` (default: all). */
  async function lintProbe(files: Record<string, string>, lintOnly = Object.keys(files)) {
    dir = join(root, 'src', 'core', `__lint_probe_${randomBytes(4).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
    const results = await eslint.lintFiles(lintOnly.map((name) => join(dir!, name)));
    return Object.fromEntries(results.map((r) => [r.filePath.slice(dir!.length + 1),
      r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId)]));
  }

  it('reports a two-file cycle, also when only the new file is linted', async () => {
    const files = {
      'a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    };
    expect(await lintProbe(files, ['b.ts'])).toEqual({ 'b.ts': ['import-x/no-cycle'] });
  });

  it('reports a longer cycle through a dynamic import and a re-export, resolving .js specifiers to .ts', async () => {
    expect(await lintProbe({
      'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'b.ts': "export { c as b } from './c';\n",
      'c.ts': "export const c = () => import('./a');\n",
    })).toEqual({ 'a.ts': ['import-x/no-cycle'], 'b.ts': ['import-x/no-cycle'], 'c.ts': ['import-x/no-cycle'] });
  });

  it('does not count `import type` (erased at run time) as a cycle', async () => {
    expect(await lintProbe({
      'a.ts': "import { b } from './b';\nimport { c } from './c';\nexport interface A { n: number }\nexport const a = [b, c];\n",
      'b.ts': "import type { A } from './a';\nexport const b = (x: A) => x.n;\n",
      'c.ts': "import { type A } from './a';\nexport const c = (x: A) => x;\n",
    })).toEqual({ 'a.ts': [], 'b.ts': [], 'c.ts': [] });
  });
});
