// GraphiQL at GET /graphql (a browser's Accept: text/html), from our own assets: the page works on a machine
// without internet. Yoga's default page loads GraphiQL from a public CDN (blank offline); the npm package
// @graphql-yoga/render-graphiql bundles the same GraphiQL, but inlines ~9 MB into every page. Here the page is a
// few lines that name its script, style sheet and editor workers under /graphiql/, served from that package's
// strings (loaded on the first request, never when GraphiQL is off, and kept out of the dist/ bundle), gzipped
// once and revalidated by ETag. The page itself is static: what GraphiQL may do is decided by the token its
// requests carry (the Headers tab), like any client's.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { Logger } from '../logger.ts';
import type { Handler } from './router.ts';
import { REVALIDATE } from './web-app.ts';

export const GRAPHIQL_ASSETS_PATH = '/graphiql/';

/** Monaco asks for a worker by label; each is one asset. */
const WORKERS = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' } as const;

/**
 * Starts GraphiQL with the options the page carries as JSON: a file of its own, so the page runs no inline
 * script (a Content-Security-Policy of 'self' holds).
 */
const START_SCRIPT = `(function () {
  var workers = ${JSON.stringify(Object.fromEntries(Object.entries(WORKERS).map(([label, file]) => [label, GRAPHIQL_ASSETS_PATH + file])))};
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return workers[label]; } };
  var options = JSON.parse(document.getElementById('graphiql-options').textContent);
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The page Yoga answers with (its `renderGraphiQL`): every URL in it is a path on this server. */
export function graphiqlPage(options: GraphiQLOptions): string {
  // `<` escaped so no option can close the script element it sits in.
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${GRAPHIQL_ASSETS_PATH}favicon.ico" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${json}</script>
    <script src="${GRAPHIQL_ASSETS_PATH}graphiql.js"></script>
    <script src="${GRAPHIQL_ASSETS_PATH}start.js"></script>
  </body>
</html>
`;
}

type Asset = { type: string; body: Buffer; gzipped: Buffer; etag: string };

const gzipAsync = promisify(gzip);

async function asset(type: string, text: string | Buffer): Promise<Asset> {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  return { type, body, gzipped: await gzipAsync(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

async function loadAssets(): Promise<Map<string, Asset>> {
  // Loaded only when someone opens GraphiQL: parsing the package's 9 MB costs a start nothing otherwise.
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const JS = 'text/javascript; charset=utf-8';
  const favicon = Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64');
  const entries: [string, Promise<Asset>][] = [
    ['graphiql.js', asset(JS, bundle.js)],
    ['graphiql.css', asset('text/css; charset=utf-8', bundle.css)],
    ['start.js', asset(JS, START_SCRIPT)],
    ['favicon.ico', asset('image/x-icon', favicon)],
    [WORKERS.editorWorkerService, asset(JS, bundle.editorWorkerService)],
    [WORKERS.json, asset(JS, bundle.jsonWorker)],
    [WORKERS.graphql, asset(JS, bundle.graphqlWorker)],
  ];
  return new Map(await Promise.all(entries.map(async ([name, pending]) => [name, await pending] as const)));
}

function send(req: IncomingMessage, res: ServerResponse, found: Asset): void {
  res.setHeader('content-type', found.type);
  res.setHeader('cache-control', REVALIDATE);
  res.setHeader('etag', found.etag);
  res.setHeader('vary', 'accept-encoding');
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === found.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? found.gzipped : found.body;
  if (body === found.gzipped) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** GET /graphiql/<asset>: the files the page names. */
export function graphiqlAssets(logger: Logger): Handler {
  let assets: Promise<Map<string, Asset>> | undefined;
  return (req, res) => {
    const name = (req.url ?? '').split('?', 1)[0]?.slice(GRAPHIQL_ASSETS_PATH.length) ?? '';
    assets ??= loadAssets();
    assets.then(
      (loaded) => {
        const found = loaded.get(name);
        if (found) return send(req, res, found);
        res.statusCode = 404;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('Not found.');
      },
      (error: unknown) => {
        assets = undefined;
        logger.error('loading the GraphiQL assets failed', error);
        res.statusCode = 500;
        res.end();
      },
    );
  };
}

/** With GRAPHIQL=false, a browser opening /graphql learns why there is no page (Yoga would answer 406, empty). */
export const graphiqlOff: Handler = (req, res, next) => {
  if (!String(req.headers.accept ?? '').includes('text/html')) return next();
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('GraphiQL is turned off on this server (GRAPHIQL=false). POST GraphQL requests to this URL.');
};
