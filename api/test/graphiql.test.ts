// GraphiQL comes from this server, never a CDN, so it works without internet: the page names no other host and
// every file it (and its start script) names is served here. Production serves it too (a token in its Headers
// tab decides what it may do); GRAPHIQL=false turns it off with a clear answer instead of Yoga's empty 406.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, errorCodes, startTestApp, type TestApp } from './support/app.ts';

const HTML = { accept: 'text/html,application/xhtml+xml' };

/** Every absolute URL written in a text (a script's or style sheet's, a link's, anything). */
const absoluteUrls = (text: string) => text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
/** The paths a text names under /graphiql/. */
const assetPaths = (text: string) => [...new Set(text.match(/\/graphiql\/[\w.-]+/g) ?? [])];

async function page(t: TestApp): Promise<{ status: number; type: string | null; html: string }> {
  const response = await fetch(t.url, { headers: HTML });
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
}

describe('GraphiQL (development)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is a page that names no host but ours, and every asset it names is served here', async () => {
    const { status, type, html } = await page(t);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/html/);
    const origin = new URL(t.url).origin;
    expect(absoluteUrls(html).filter((url) => new URL(url).origin !== origin)).toEqual([]);
    // The page runs no inline script: its options are data, its code files of ours.
    expect(html).toMatch(/<script src="\/graphiql\/graphiql\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/graphiql\/graphiql\.css"/);
    const start = await fetch(new URL('/graphiql/start.js', origin));
    const startScript = await start.text();
    const names = [...assetPaths(html), ...assetPaths(startScript)];
    expect(names).toEqual(
      expect.arrayContaining(['/graphiql/graphiql.js', '/graphiql/graphiql.css', '/graphiql/start.js', '/graphiql/favicon.ico', '/graphiql/graphql.worker.js']),
    );
    for (const name of new Set(names)) {
      const response = await fetch(new URL(name, origin));
      const body = Buffer.from(await response.arrayBuffer());
      expect({ name, status: response.status, empty: body.length === 0 }).toEqual({ name, status: 200, empty: false });
      if (name.endsWith('.js')) expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      if (name.endsWith('.css')) {
        expect(response.headers.get('content-type')).toMatch(/^text\/css/);
        // The style sheet imports nothing and loads fonts and images only from data: URLs.
        const css = body.toString();
        expect(css).not.toMatch(/@import/);
        expect(css.match(/url\(\s*["']?(?!data:)[^)]*\)/g) ?? []).toEqual([]);
      }
    }
    // GraphiQL itself is the bundled one (the Yoga flavour), not a loader that fetches it.
    const script = await fetch(new URL('/graphiql/graphiql.js', origin));
    expect((await script.text()).length).toBeGreaterThan(1_000_000);
  });

  it('sends its assets gzipped to browsers that take it, and answers a revalidation with 304', async () => {
    const origin = new URL(t.url).origin;
    const plain = await (await fetch(new URL('/graphiql/graphiql.js', origin), { headers: { 'accept-encoding': 'identity' } })).text();
    // node:http, not fetch: fetch would decompress on its own.
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer; etag: string | undefined }>((resolve, reject) => {
      request(new URL('/graphiql/graphiql.js', origin), { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks), etag: res.headers.etag }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.body.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(raw.body).toString()).toBe(plain);
    const again = await fetch(new URL('/graphiql/graphiql.js', origin), { headers: { 'if-none-match': raw.etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a file it does not have', async () => {
    expect((await fetch(new URL('/graphiql/nothing.js', t.url))).status).toBe(404);
  });
});

describe('GraphiQL in production', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => prod.close());

  it('is served, and its API calls need a token to explore the schema', async () => {
    const { status, html } = await page(prod);
    expect(status).toBe(200);
    expect(html).toMatch(/\/graphiql\/graphiql\.js/);
    expect((await fetch(new URL('/graphiql/graphiql.js', prod.url))).status).toBe(200);
    const INTROSPECT = '{ __schema { queryType { name } } }';
    expect(errorCodes(await prod.gql(INTROSPECT))).not.toEqual([]);
    const { accessToken } = await prod.login('designer', DEMO_PASSWORD);
    expect((await prod.ok(INTROSPECT, {}, accessToken)).__schema.queryType.name).toBe('Query');
  });
});

describe('GRAPHIQL=false', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await startTestApp({ env: { NODE_ENV: 'production', GRAPHIQL: 'false' } });
  });
  afterAll(() => off.close());

  it('serves no page and no assets, says why, and GraphQL over GET still answers', async () => {
    const { status, html } = await page(off);
    expect(status).toBe(404);
    expect(html).toMatch(/GRAPHIQL=false/);
    expect((await fetch(new URL('/graphiql/graphiql.js', off.url))).status).not.toBe(200);
    const get = await fetch(`${off.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
