// The web client: `npm run build:web` writes web/dist (served by the API at `/` in production, see
// api/src/http/web-app.ts); `npm run dev` runs Vite's dev server, proxying the API, beside the API itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import postcssDarkThemeClass from 'postcss-dark-theme-class';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import solid from 'vite-plugin-solid';

/** Where the API listens during development (`npm run dev`). */
const api = process.env.API_ORIGIN ?? 'http://127.0.0.1:4000';

const proxy = {
  '/graphql': { target: api, ws: true },
  '/files': api,
  '/health': api,
  '/ready': api,
};

/**
 * Solid's Babel pass, also over the GraphQL documents (the `*.graphql.ts` files). There codegen's optimizer turns
 * each `graphql(`…`)` call into an import of that one document from src/gql/graphql.ts. Without it every call
 * looks its text up in src/gql/gql.ts, a map of all documents, so the first page carried every query of the app.
 */
const solidWithDocuments = solid({
  include: [/\.[jt]sx(\?|$)/, /\.graphql\.ts(\?|$)/],
  extensions: [['.ts', { typescript: true }]],
  babel: (_source, id) =>
    /\.graphql\.ts(\?|$)/.test(id)
      ? { plugins: [[babelOptimizerPlugin, { artifactDirectory: join(import.meta.dirname, 'src', 'gql'), gqlTagName: 'graphql' }]] }
      : {},
});

/**
 * One module per GraphQL document, so each document is bundled with the pages that use it. After the optimizer
 * above, every document is an export of src/gql/graphql.ts; a bundler keeps a module whole, so that one module
 * (all documents of every page) went into the chunk every page loads. Here each `import { XDocument } from
 * '…/gql/graphql'` in a `*.graphql.ts` file becomes an import of a module holding just `XDocument`, cut from
 * the generated file. Types still come from graphql.ts (TypeScript does not see this).
 */
function documentPerModule(): Plugin {
  const generated = join(import.meta.dirname, 'src', 'gql', 'graphql.ts');
  const prefix = '\0graphql-document:';
  return {
    name: 'graphql-document-per-module',
    transform(code, id) {
      if (!/\.graphql\.ts(\?|$)/.test(id)) return null;
      return code.replace(
        /import\s*\{\s*(\w+)\s*\}\s*from\s*["'][^"']*\/gql\/graphql(?:\.ts)?["'];?/g,
        (_, name) => `import { ${name} } from '${prefix}${name}';`,
      );
    },
    resolveId(source) {
      return source.startsWith(prefix) ? source : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const name = id.slice(prefix.length);
      this.addWatchFile(generated);
      const line = readFileSync(generated, 'utf8')
        .split('\n')
        .find((candidate) => candidate.startsWith(`export const ${name} = {`));
      const document = line?.slice(`export const ${name} = `.length).replace(/\s+as unknown as DocumentNode<.*>;$/, '');
      if (!document?.endsWith('}')) throw new Error(`${name} is not a document in ${generated}: run npm run codegen.`);
      return `export const ${name} = ${document};`;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  // Every asset also as .br and .gz, compressed once at build time at the highest level: the API's static
  // server sends the variant the browser accepts instead of compressing on each request.
  plugins: [solidWithDocuments, documentPerModule(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  // Each `prefers-color-scheme: dark` block also applies under html.is-dark and not under html.is-light: the
  // in-app theme switch (src/lib/theme.ts) without a second copy of the dark tokens in the sources.
  css: { postcss: { plugins: [postcssDarkThemeClass()] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // dist/.vite/manifest.json: which chunks each page loads, for `npm run size:web`.
    manifest: true,
    // No modulepreload polyfill: every browser of the es2022 target but Safari before 17 supports
    // <link rel="modulepreload">, and there the polyfill only fetched chunks earlier (nothing depends on it). It
    // cost 234 bytes gzip of every page's first load, which the command palette's lazy launcher needed.
    modulePreload: { polyfill: false },
    // ApexCharts' core (≈530 kB, 150 kB gzip) is one chunk, loaded only when a chart mounts.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy },
  preview: { proxy },
});
