// The layering of the code, checked by `npm run check:layers` (part of `npm run lint` and of .ci/run).
// Data flows one way: HTTP/WebSocket → GraphQL (thin) → services → domain (pure rules) and Prisma. The rules
// below keep it that way; each one holds today, so a new violation is a design decision to discuss, not noise.
// Type-only imports count (tsPreCompilationDeps): a type pulled from the wrong layer couples the code as much
// as a value does, and a cycle through types is still a cycle for the reader.

const TEST_FILE = '[.]test[.]tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to read, test or load on their own. Move the shared piece down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'api/src/domain is pure TypeScript: no GraphQL, Prisma, Node I/O or any package, so every rule is ' +
        'unit-tested in milliseconds. It imports only itself.',
      from: { path: '^api/src/domain/', pathNot: TEST_FILE },
      to: { pathNot: '^api/src/domain/' },
    },
    {
      name: 'domain-tests-need-only-vitest',
      severity: 'error',
      comment: 'The domain tests exercise pure rules: they import the domain and vitest, nothing else.',
      from: { path: `^api/src/domain/.+${TEST_FILE}` },
      to: { pathNot: ['^api/src/domain/', '^node_modules/vitest/'] },
    },
    {
      name: 'services-not-to-graphql',
      severity: 'error',
      comment: 'Services are the use cases, callable from GraphQL, the seed, scripts and tests alike; the GraphQL layer calls them, never the other way round.',
      from: { path: '^api/src/services/' },
      to: { path: '^api/src/graphql/' },
    },
    {
      name: 'foundations-not-to-upper-layers',
      severity: 'error',
      comment:
        'domain/, db/, auth/ and the logger sit under the services: they must not know the services, GraphQL, ' +
        'realtime, the seed or the composition root (app.ts, main.ts, context.ts).',
      from: { path: '^api/src/(domain/|db/|auth/|logger[.]ts$)' },
      to: { path: ['^api/src/(services|graphql|realtime|seed)/', '^api/src/(app|main|context)[.]ts$'] },
    },
    {
      name: 'config-loaded-only-by-main',
      severity: 'error',
      comment:
        'Inside the API only main.ts reads the environment (loadConfig); everything else receives a Config ' +
        '(type-only imports are fine). Tests, scripts and benchmarks may load it themselves.',
      from: { path: '^api/src/', pathNot: ['^api/src/main[.]ts$', TEST_FILE] },
      to: { path: '^api/src/config[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-tests-or-tools',
      severity: 'error',
      comment: 'Shipped code never depends on tests, test support, benchmarks or scripts.',
      from: { path: '^(api/src|web/src)/', pathNot: TEST_FILE },
      to: { path: '^(api/test|bench|scripts)/' },
    },
    {
      name: 'not-to-test-file',
      severity: 'error',
      comment: 'A test file is never imported; move what others need into a module (or api/test/support/).',
      from: {},
      to: { path: TEST_FILE },
    },
    {
      name: 'api-not-to-web',
      severity: 'error',
      comment: 'The API (and its scripts and benchmarks) and the web client share only the printed schema.',
      from: { path: '^(api|scripts|bench)/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-not-to-api',
      severity: 'error',
      comment:
        'The web client talks to the API over GraphQL only: its types come from schema/schema.graphql through ' +
        'codegen (web/src/gql), never from the API source.',
      from: { path: '^web/' },
      to: { path: '^(api|scripts|bench)/' },
    },
    {
      name: 'web-src-is-browser-code',
      severity: 'error',
      comment: 'web/src runs in the browser: no Node built-ins (vite.config.ts, which runs in Node, is outside src).',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'api-runtime-not-to-dev-deps',
      severity: 'error',
      comment:
        'The running API uses production dependencies only (type-only imports vanish at run time). Tests, ' +
        'scripts, benchmarks and the web client (bundled at build time) may use devDependencies.',
      from: { path: '^api/src/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-package',
      severity: 'error',
      comment: 'Every package imported is declared in package.json (a transitive dependency can vanish on update).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'The import does not resolve to a file. Generated code missing? Run `npm run generate` and `npm run codegen`.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Generated code (Prisma client, web/src/gql) is not analysed, but imports into it are still seen, so the
    // domain rule catches a domain file reaching for the Prisma client.
    doNotFollow: { path: ['node_modules', '^api/src/db/generated/', '^api/src/graphql/generated/', '^web/src/gql/'] },
    exclude: { path: ['^web/dist/', '^data/', '^prisma/migrations/'] },
    moduleSystems: ['es6', 'cjs'],
    tsPreCompilationDeps: true,
    detectProcessBuiltinModuleCalls: true,
    // node_modules is a symlink in some checkouts: keep paths as written so rules see `node_modules/…`.
    preserveSymlinks: true,
    // `npm run check:layers` runs once with this (API, scripts, benchmarks) and once with web/tsconfig.json.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // The API imports with `.ts` specifiers (allowImportingTsExtensions); the web client without extensions.
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.d.cts', '.d.mts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      dot: { collapsePattern: 'node_modules/(?:@[^/]+/[^/]+|[^/]+)' },
      archi: { collapsePattern: '^(?:api/src|web/src)/[^/]+|node_modules/(?:@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
