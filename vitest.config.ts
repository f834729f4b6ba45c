import { createRequire } from 'node:module';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// graphql 16 has no exports map: without this, source and node_modules can load two copies and
// `instanceof GraphQLError` fails (errors get masked).
const graphqlAlias = { graphql: require.resolve('graphql') };

export default defineConfig({
  test: {
    reporters: ['default', './scripts/plain-summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more parallel files only queue on the database and argon2.
    maxWorkers: 2,
    projects: [
      {
        // Each project takes the root options above (timeouts, pool) and adds its own.
        extends: true,
        resolve: { alias: graphqlAlias },
        test: {
          name: 'api',
          include: ['api/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts', 'docs/**/*.test.ts'],
          environment: 'node',
          // The web vocabulary's test reads the colour tokens the charts take from styles.css (`?raw`).
          css: { include: [/web\/src\/styles\.css/] },
        },
      },
      {
        extends: true,
        // Component tests: Solid compiled for the browser, rendered into jsdom.
        plugins: [solid()],
        resolve: { alias: graphqlAlias, conditions: ['browser', 'development'] },
        test: { name: 'web', include: ['web/src/**/*.test.tsx'], environment: 'jsdom' },
      },
    ],
  },
});
