import { defineConfig } from 'vitest/config';

// Two projects in one `npm test`: the server's suites (Node, a database per file), and the
// console's component tests (jsdom, no server: they give components the API's answers and errors).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**'],
          // Migrates and seeds one template database per run; each test file gets a copy.
          globalSetup: ['test/support/global-setup.ts'],
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'console',
          root: 'web',
          include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['src/test-setup.ts'],
        },
      },
    ],
  },
});
