// End-to-end tests (`npm run test:e2e`): the built server (node <build>/main.js, its own process), started by e2e/support/global-setup.ts over
// a fresh embedded database with the demo month, driven in Debian's Chromium through playwright-core.
// Kept apart from vitest.config.ts so `npm test` stays fast and needs no browser.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 has no exports map: one copy for the app started in global setup (see vitest.config.ts).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './scripts/plain-summary-reporter.ts'],
    globalSetup: ['./e2e/support/global-setup.ts'],
    // One browser and one app at a time on a two-core machine; the files share the app's data.
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    // A browser step waits a few seconds at most; a whole flow takes many of them.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
