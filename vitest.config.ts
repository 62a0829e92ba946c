import { configDefaults, defineConfig } from 'vitest/config';

// The AWS SDK (the sandbox's presigner) warns on Node 20 about releases after January 2027; versions are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // The renderer's tests need a DOM: they are their own project.
          exclude: [...configDefaults.exclude, 'tests/unit/renderer/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Integration files start servers and move hundreds of MiB: one file at a time on a 2-core machine, and
          // after the unit and renderer projects rather than beside them (some of these tests count re-sent parts
          // after a kill -9, which a CPU-starved journal timer would skew).
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['tests/integration/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Real Chromium over the real engine: after the integration files, not beside them, on a 2-core machine.
          sequence: { groupOrder: 2 },
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
