import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Proofs and a real chain: generous timeouts, few workers on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/browser/**'],
        },
      },
      {
        // The built extension in Debian's Chromium; the global setup builds it first.
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/globalSetup.ts'],
        },
      },
    ],
  },
})
