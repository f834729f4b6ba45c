// The API's one port also serves the built web app: precompressed variants by Accept-Encoding, hashed
// assets cached for a year, index.html (and the SPA fallback for client routes) always revalidated, and the
// probes and /graphql untouched. The app is pointed at a fixture build written here, so the test does not
// depend on `npm run build:web` having run.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';

const INDEX =
  '<!doctype html><html><head><title>Juan365 fixture</title><script type="module" src="/assets/index-a1b2c3.js"></script></head><body></body></html>';
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(400))};\n`;

let t: TestApp;
let base: string;
let dist: string;

/** Raw HTTP (fetch would decode the body and hide which encoding was sent). */
function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function writeWithVariants(file: string, content: string) {
  await writeFile(file, content);
  await writeFile(`${file}.br`, brotliCompressSync(content));
  await writeFile(`${file}.gz`, gzipSync(content));
}

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'juan365-web-'));
  await mkdir(path.join(dist, 'assets'));
  await writeWithVariants(path.join(dist, 'index.html'), INDEX);
  await writeWithVariants(path.join(dist, 'assets', 'index-a1b2c3.js'), SCRIPT);
  await writeFile(path.join(dist, 'assets', 'removed-0f0f0f.js'), SCRIPT);
  t = await startTestApp({ config: { webDistDir: dist } });
  base = t.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await t?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('probes', () => {
  it('/health and /ready answer JSON', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok' });
    const ready = await get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(ready.body.toString())).toMatchObject({ status: 'ready', database: 'ok', migrations: 'applied' });
  });
});

describe('hashed assets', () => {
  it('are sent brotli-compressed when accepted, cached for a year', async () => {
    const response = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
  });

  it('are sent gzip-compressed to a client that accepts only gzip', async () => {
    const response = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(response.body).toString()).toBe(SCRIPT);
  });

  it('are sent as they are to a client that accepts no encoding', async () => {
    const response = await get('/assets/index-a1b2c3.js');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe(SCRIPT);
  });

  it('a missing asset is a 404, not the app page', async () => {
    const response = await get('/assets/index-000000.js');
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('Juan365 fixture');
  });
});

describe('the app page', () => {
  it('index.html is revalidated on every load, so a deploy reaches everyone', async () => {
    const response = await get('/', { 'accept-encoding': 'br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.body).toString()).toBe(INDEX);
  });

  it('an unknown path under / falls back to index.html (client routes), also revalidated', async () => {
    const response = await get('/tickets/42?tab=history');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body.toString()).toBe(INDEX);
  });
});

describe('GraphQL beside the app', () => {
  it('/graphql still answers POST and GET', async () => {
    expect(await t.ok(`{ departments { name } }`)).toMatchObject({ departments: expect.any(Array) });
    const viaGet = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { accept: 'application/json' });
    expect(viaGet.status).toBe(200);
    expect(JSON.parse(viaGet.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('a file removed after start-up (web/dist rebuilt in place)', () => {
  it('cuts that one response and keeps serving everything else', async () => {
    await rm(path.join(dist, 'assets', 'removed-0f0f0f.js'));
    const outcome = await fetch(`${base}/assets/removed-0f0f0f.js`).then(
      (response) =>
        response.text().then(
          () => 'whole',
          () => 'cut',
        ),
      () => 'cut',
    );
    expect(outcome).toBe('cut');
    expect((await get('/health')).status).toBe(200);
    expect((await get('/', { 'accept-encoding': 'br' })).status).toBe(200);
  });
});
