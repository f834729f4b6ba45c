// Part of `npm run build:api` (postinstall): the template data directories new embedded databases are copied
// from, so a first `npm start` skips PGlite's initdb (≈4 s), the migrations and the demo seed (seconds, in a
// transaction the first sign-in would wait for). See api/src/db/pglite.ts and api/src/seed/demo-template.ts.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../api/src/config.ts';
import { PGLITE_DEMO_TEMPLATE_DIR, PGLITE_TEMPLATE_DIR } from '../api/src/db/pglite.ts';
import { buildPGliteTemplate, type TemplateOptions } from '../api/src/db/pglite-template.ts';
import { seedDemoTemplate } from '../api/src/seed/demo-template.ts';

// The demo password a start uses when DEMO_PASSWORD is unset; a start with another one re-hashes.
const { demoPassword } = loadConfig({});

const templates: { dir: string; prepare?: TemplateOptions['prepare'] }[] = [
  { dir: PGLITE_TEMPLATE_DIR },
  { dir: PGLITE_DEMO_TEMPLATE_DIR, prepare: (pglite) => seedDemoTemplate(pglite, { password: demoPassword }) },
];
for (const { dir, prepare } of templates) {
  const started = performance.now();
  const { applied } = await buildPGliteTemplate(dir, { prepare });
  console.log(
    `build:api: PGlite template ${path.relative(process.cwd(), dir)} (${applied.length} migrations${prepare ? ', demo data' : ''}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
