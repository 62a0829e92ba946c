// Lint = correctness rules + the house rules (docs/architecture.md "Boundaries", docs/decisions/0016): import
// boundaries between the source folders, no import cycle, no source file over 300 lines.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinRules } from 'eslint/use-at-your-own-risk';

// ESLint's no-restricted-imports checks `import … from` and `export … from` but not `import('…')`. This rule is the
// same rule (same options, same matching, same messages) that also checks a dynamic import, as if it were
// `import * as ns from '…'`; an `import(expr)` whose specifier is not a literal cannot be checked and is an error.
const restrictedImports = builtinRules.get('no-restricted-imports');
const literalSpecifier = (source) => {
  if (source.type === 'Literal' && typeof source.value === 'string') return source.value;
  if (source.type === 'TemplateLiteral' && source.expressions.length === 0) return source.quasis[0].value.cooked;
  return null;
};
const ferry = {
  rules: {
    'no-restricted-imports': {
      meta: {
        ...restrictedImports.meta,
        docs: { description: 'no-restricted-imports, also for dynamic import() expressions' },
        messages: { ...restrictedImports.meta.messages, computed: 'import() with a computed specifier cannot be checked against the folder boundaries; use a string literal.' },
      },
      create(context) {
        const listeners = restrictedImports.create(context);
        return {
          ...listeners,
          ImportExpression(node) {
            const specifier = literalSpecifier(node.source);
            if (specifier === null) {
              context.report({ node, messageId: 'computed' });
              return;
            }
            listeners.ImportDeclaration({
              type: 'ImportDeclaration', importKind: 'value', parent: node.parent, loc: node.loc, range: node.range,
              source: { type: 'Literal', value: specifier, loc: node.source.loc, range: node.source.range },
              specifiers: [{ type: 'ImportNamespaceSpecifier', loc: node.loc, range: node.range }],
            });
          },
        };
      },
    },
  },
};

// A boundary: files under `files` import none of `folders` (our source folders, matched on the specifier's path:
// '../core/upload/planner', '../../sandbox/index.js', and a bare '../sandbox' that resolves to its index.ts) and none
// of `packages` (gitignore-style patterns such as 'electron', 'node:*', or a RegExp on the whole specifier).
const FOLDERS = ['core', 'main', 'renderer', 'preload', 'cli', 'sandbox'];
const except = (...dirs) => FOLDERS.filter((d) => !dirs.includes(d));
const boundary = (files, { folders = [], packages = [] }, message, extra = {}) => ({
  files,
  rules: {
    'ferry/no-restricted-imports': ['error', { ...extra, patterns: [
      { group: [...packages.filter((p) => typeof p === 'string'), ...folders.map((d) => `**/${d}/**`)], message },
      ...packages.filter((p) => p instanceof RegExp).map((re) => ({ regex: re.source, message })),
      ...(folders.length ? [{ regex: `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})/?$`, message }] : []),
    ] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { ferry },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // One file, one job: no source file over 300 lines, every line counted (as `wc -l` counts them).
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  // No import cycle between our modules (files resolved as TypeScript resolves them). `import type` is erased at
  // run time and does not count; external packages are not followed.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // The Electron-free core runs in the CLI and in tests: it never imports electron, the sandbox, the CLI or UI code.
  boundary(['src/core/**'], { packages: ['electron'], folders: except('core') },
    'src/core is Electron-free and independent of the sandbox, CLI and UI.'),
  // The sandbox is a second, independent reading of the Frame.io API: it shares no code with the client.
  boundary(['src/sandbox/**'], { packages: ['electron'], folders: except('sandbox') },
    'src/sandbox shares no code with the Frame.io client or the engine.'),
  boundary(['src/cli/**'], { packages: ['electron'], folders: ['main', 'renderer', 'preload'] },
    'The CLI drives src/core (and may start src/sandbox); it never touches Electron code.'),
  boundary(['src/renderer/**'], { packages: ['electron', 'node:*'], folders: except('renderer') },
    'The renderer only knows src/shared (DesktopApi).'),
  // The preload script runs in the renderer's process with Electron's sandbox: electron and src/shared, nothing else
  // (no package, no node:*, none of our other folders).
  boundary(['src/preload/**'], { packages: [/^(?!electron$|\.)/], folders: except('preload') },
    'The preload script imports only electron and src/shared.'),
  // main may use src/core and src/shared, and start src/sandbox ("Try the sandbox", a dynamic import).
  boundary(['src/main/**'], { folders: ['renderer', 'cli'] },
    'main uses src/core, src/shared (and starts src/sandbox for "Try the sandbox").',
    // GitHub Desktop's rule: raw ipcMain only inside the wrapper that checks senders and payloads.
    { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register IPC through src/main/ipc (sender + payload checks).' }] }),
  boundary(['src/main/ipc/**'], { folders: ['renderer', 'cli'] },
    'main uses src/core, src/shared (and starts src/sandbox for "Try the sandbox").'),
  boundary(['src/shared/**'], { packages: ['electron'], folders: FOLDERS },
    'src/shared is pure TypeScript shared by every side.'),
);
