// `npm run build:api` (run by postinstall): the API bundled once into plain JavaScript, so `npm start` compiles no
// TypeScript at run time (tsx spent ≈1.5 s of every start doing that). The app's own modules, the generated Prisma
// client and the pure-JavaScript packages are bundled (see EXTERNAL_PACKAGES for those that stay in node_modules). Dynamic
// imports stay separate chunks, so main.ts still opens the embedded database while the app loads.
//
//   node scripts/build-api.mjs                    # dist/api/main.js
//   node scripts/build-api.mjs --outdir <dir>     # elsewhere inside the repository (tests)
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIR = path.join(ROOT, 'api', 'src');

const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist/api' } } });
const outdir = path.resolve(ROOT, values.outdir);

/**
 * Modules find files beside them through `new URL('../../web/dist', import.meta.url)`; bundled, import.meta.url
 * would be the output chunk's. Each module gets its own source file's URL back, written relative to the
 * output directory so the repository can move after the build.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let source = await readFile(args.path, 'utf8');
      if (args.path === PRISMA_CLASS_FILE) source = await compilerWasmFromFile(source);
      if (!source.includes('import.meta.url')) return { contents: source.replaceAll(CHUNK_URL, 'import.meta.url'), loader: 'ts' };
      const relative = path.relative(outdir, args.path).split(path.sep).join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`).replaceAll(CHUNK_URL, 'import.meta.url'),
        loader: 'ts',
      };
    });
  },
};

/**
 * Prisma's generated client loads its query compiler (WebAssembly) at the first query by importing a 4.5 MB
 * JavaScript module holding it in base64, decoding it and compiling it synchronously: ≈0.2 s of CPU in every
 * start, on the main thread, before the first request can be answered (the compile itself, lazy, is ≈30 ms). The
 * bundle instead reads the decoded bytes, written beside the chunks at build time, and compiles them with
 * WebAssembly.compile (off the main thread). The source run (tsx, tests) keeps Prisma's own loader.
 */
const PRISMA_CLASS_FILE = path.join(SOURCE_DIR, 'db', 'generated', 'prisma', 'internal', 'class.ts');
/** Stands for the output chunk's own import.meta.url until the per-module rewrite above has run. */
const CHUNK_URL = '__OUTPUT_CHUNK_IMPORT_META_URL__';
const COMPILER_WASM_LOADER =
  /getQueryCompilerWasmModule: async \(\) => \{\s*const \{ wasm \} = await import\("([^"]+\.wasm-base64\.mjs)"\)\s*return await decodeBase64AsWasm\(wasm\)\s*\},/;

async function compilerWasmFromFile(source) {
  const match = COMPILER_WASM_LOADER.exec(source);
  if (!match) {
    throw new Error(
      `build:api: ${path.relative(ROOT, PRISMA_CLASS_FILE)} no longer loads the query compiler as build-api.mjs expects (a Prisma upgrade?): update COMPILER_WASM_LOADER`,
    );
  }
  const [loader, specifier] = match;
  const fileName = path.basename(specifier).replace(/\.wasm-base64\.mjs$/, '.wasm');
  const { wasm } = await import(specifier);
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(outdir, { recursive: true });
  await writeFile(path.join(outdir, fileName), Buffer.from(wasm, 'base64'));
  return source.replace(
    loader,
    `getQueryCompilerWasmModule: async () => {
    const { readFile } = await import('node:fs/promises')
    return await WebAssembly.compile(await readFile(new URL(${JSON.stringify(`./${fileName}`)}, ${CHUNK_URL})))
  },`,
  );
}

/**
 * Pure-JavaScript packages are bundled too: resolving and linking their hundreds of files cost a start more than
 * evaluating them. graphql as well (loaded as its 130 files from node_modules it cost a start ≈0.07 s of CPU): every package that
 * imports it is bundled, so the bundle still holds one copy, its CommonJS build, the one `import` and `require`
 * both resolve to here. These stay in node_modules: packages with native or WebAssembly parts, worker threads or
 * files read beside them, and those loaded only by some configurations.
 */
const EXTERNAL_PACKAGES = new Set([
  '@electric-sql/pglite',
  'pglite-prisma-adapter',
  '@prisma/client',
  '@prisma/adapter-pg',
  '@prisma/driver-adapter-utils',
  '@prisma/schema-engine-wasm',
  'prisma',
  '@node-rs/argon2',
  '@resvg/resvg-js',
  'sharp',
  'echarts',
  'pino',
  'pg',
  'ioredis',
  'file-type',
  'image-size',
  'sirv',
  '@graphql-yoga/render-graphiql',
  'esbuild',
  'tsx',
]);
/**
 * Under Node, `@prisma/client/runtime/client` resolves to Prisma's CommonJS build, which Node must scan for its
 * export names (cjs-module-lexer) before an ES module may import it: ≈0.1 s of every start. Its ES module build is
 * the same runtime; only the generated client (bundled) imports it, so the process still holds one copy.
 */
const PRISMA_RUNTIME = '@prisma/client/runtime/client';
const bundledPackages = {
  name: 'bundled-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      if (args.path === PRISMA_RUNTIME) return { path: `${PRISMA_RUNTIME}.mjs`, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (EXTERNAL_PACKAGES.has(name) || name.startsWith('@aws-sdk/')) return { external: true };
      return undefined;
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: [path.join(SOURCE_DIR, 'main.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [ownImportMetaUrl, bundledPackages],
  // Bundled CommonJS packages require Node's built-ins; an ES module has no require of its own.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  // Unminified, so stack traces read like the source (no source maps to enable).
  minify: false,
  // Bundling renames classes whose names collide across packages (the abort-controller shim's AbortSignal became
  // AbortSignal2), and some packages recognise objects by `constructor.name` (node-fetch, inside grammY, refused
  // every signal, so no Bot API call left the process). Keep every function's and class's own name.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(`build:api: ${path.relative(ROOT, outdir)}/main.js and its chunks, ${(bytes / 1024).toFixed(0)} KiB (${pathToFileURL(outdir).href})`);
