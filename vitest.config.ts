import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map: without this, source and node_modules can load two copies and
    // `instanceof GraphQLError` fails (errors get masked).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['api/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.ts'],
    reporters: ['default', './scripts/plain-summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more parallel files only queue on the database and argon2.
    maxWorkers: 2,
  },
});
