// First-load JavaScript of the built web client (issue 9: at most 60 kB gzip per page, charts and heavy pages
// lazy). Run `npm run build:web` first, then `npm run size:web`.
//
// For the shell and for each page it sums the JavaScript the browser must have before that page renders: the
// entry script of web/dist/index.html and its static imports (the <link rel="modulepreload"> files), plus the
// page's lazy chunk and its static imports. Dynamic imports (ApexCharts, other pages) are not counted: they load
// after the page renders. Sizes are gzip at level 9 (what vite-plugin-compression2 writes next to each asset),
// in kB of 1000 bytes as Vite prints them. Prints a Markdown table; exits 1 when a page is over the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'web', 'dist');
const budget = 60_000;

/** The pages and the modules each one loads lazily (see web/src/app.tsx; Manage's pages load inside its own lazy
 * module, routes/manage.tsx, so a Manage page is both). */
const pages = [
  ['/', 'src/routes/home.tsx'],
  ['/board', 'src/features/board/board-page.tsx'],
  ['/tickets', 'src/features/tickets-list/tickets-list-page.tsx'],
  ['/tickets/:number', 'src/features/ticket/ticket-page.tsx'],
  ['/new', 'src/features/request-form/request-form-page.tsx'],
  ['/my-tasks', 'src/features/tickets-list/my-tasks-page.tsx'],
  ['/login, /register, /change-password', 'src/features/accounts/pages.ts'],
  ['/notifications', 'src/features/notifications/index.ts'],
  ['/profile', 'src/features/profile/profile-page.tsx'],
  ['/analytics', 'src/features/analytics/analytics-page.tsx'],
  ['/reports/monthly', 'src/features/analytics/monthly-report-page.tsx'],
  ['/admin/users', 'src/routes/manage.tsx', 'src/features/admin/users-page.tsx'],
  ['/admin/departments', 'src/routes/manage.tsx', 'src/features/admin/departments-page.tsx'],
  ['/admin/products', 'src/routes/manage.tsx', 'src/features/admin/products-page.tsx'],
  ['/trash', 'src/routes/manage.tsx', 'src/features/trash/trash-page.tsx'],
  ['/activity', 'src/routes/manage.tsx', 'src/features/activity/activity-page.tsx'],
];

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

/** A manifest entry's chunk file and, recursively, every chunk it imports statically. */
function staticClosure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest: did web/src/app.tsx change?`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, files);
  return files;
}

// What index.html itself loads: its module script and modulepreloads. The manifest's closure of the entry
// must be the same set; a difference means this script no longer measures what the browser does.
const fromHtml = new Set([...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const bundled = staticClosure(entryKey);
// Plain scripts copied from web/public (theme.js, which sets the theme before the first paint) are not in the
// manifest; they load before every page, so they count towards every page too.
const fromPublic = [...fromHtml].filter((file) => !file.startsWith('assets/') && !bundled.has(file));
const fromBuild = [...fromHtml].filter((file) => !fromPublic.includes(file));
if (fromBuild.length !== bundled.size || fromBuild.some((file) => !bundled.has(file))) {
  throw new Error(`index.html loads ${fromBuild.join(', ')} but the manifest says ${[...bundled].join(', ')}`);
}
const entry = new Set([...fromPublic, ...bundled]);

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const source = readFileSync(join(dist, file));
    sizes.set(file, { raw: source.length, gzip: gzipSync(source, { level: constants.Z_BEST_COMPRESSION }).length });
  }
  return sizes.get(file);
}

function total(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    raw += size(file).raw;
    gzip += size(file).gzip;
  }
  return { raw, gzip, count: files.size };
}

const kB = (bytes) => (bytes / 1000).toFixed(1);
const rows = [
  ['shell (index.html)', total(entry)],
  ...pages.map(([path, ...keys]) => [path, total(keys.reduce((files, key) => staticClosure(key, files), new Set(entry)))]),
];

console.log('| Page | JS files | Raw (kB) | Gzip (kB) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, { raw, gzip, count }] of rows) {
  console.log(`| \`${name}\` | ${count} | ${kB(raw)} | ${kB(gzip)}${gzip > budget ? ' ⚠ over budget' : ''} |`);
}
const over = rows.filter(([, { gzip }]) => gzip > budget);
console.log(`\nBudget: ${kB(budget)} kB gzip of JavaScript before a page renders. ${over.length === 0 ? 'Every page fits.' : `${over.length} over.`}`);
if (over.length > 0) process.exitCode = 1;
