import { defineConfig } from 'vitest/config';

// Chromium journeys, kept out of `npm test` (they need Debian's chromium: `apt-get install -y
// chromium fonts-wqy-microhei`). Run: npx vitest run --config test/browser/vitest.config.ts
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // A failed step prints what its pages did and showed (support/flight-recorder.ts).
    setupFiles: ['test/browser/support/on-failure.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
