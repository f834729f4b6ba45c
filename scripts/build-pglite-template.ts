// Part of `npm run build:api` (postinstall): the template data directory new embedded databases are copied from,
// so a first `npm start` skips PGlite's initdb (≈4 s) and the migrations. See api/src/db/pglite.ts.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGLITE_TEMPLATE_DIR } from '../api/src/db/pglite.ts';
import { buildPGliteTemplate } from '../api/src/db/pglite-template.ts';

const started = performance.now();
const { applied } = await buildPGliteTemplate(PGLITE_TEMPLATE_DIR);
console.log(
  `build:api: PGlite template ${path.relative(process.cwd(), PGLITE_TEMPLATE_DIR)} with ${applied.length} migrations in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
