// Lint = correctness rules + the architecture's boundaries (docs/architecture.md), enforced as import bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const boundary = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // The Electron-free core runs in the CLI and in tests: it never imports electron, the sandbox, the CLI or UI code.
  boundary(['src/core/**'], ['electron', '**/sandbox/**', '**/cli/**', '**/main/**', '**/renderer/**', '**/preload/**'],
    'src/core is Electron-free and independent of the sandbox, CLI and UI.'),
  // The sandbox is a second, independent reading of the Frame.io API: it shares no code with the client.
  boundary(['src/sandbox/**'], ['electron', '**/core/**', '**/cli/**', '**/main/**', '**/renderer/**', '**/preload/**'],
    'src/sandbox shares no code with the Frame.io client or the engine.'),
  boundary(['src/cli/**'], ['electron', '**/main/**', '**/renderer/**', '**/preload/**'],
    'The CLI drives src/core (and may start src/sandbox); it never touches Electron code.'),
  boundary(['src/renderer/**'], ['electron', '**/main/**', '**/core/**', '**/sandbox/**', '**/cli/**', '**/preload/**', 'node:*'],
    'The renderer only knows src/shared (DesktopApi).'),
  // GitHub Desktop's rule: raw ipcMain only inside the wrapper that checks senders and payloads.
  {
    files: ['src/main/**'],
    ignores: ['src/main/ipc/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register IPC through src/main/ipc (sender + payload checks).' }],
        patterns: [{ group: ['**/renderer/**', '**/cli/**'], message: 'main uses src/core, src/shared (and starts src/sandbox for "Try the sandbox").' }],
      }],
    },
  },
  boundary(['src/shared/**'], ['electron', '**/main/**', '**/core/**', '**/sandbox/**', '**/cli/**', '**/renderer/**', '**/preload/**'],
    'src/shared is pure TypeScript shared by every side.'),
);
