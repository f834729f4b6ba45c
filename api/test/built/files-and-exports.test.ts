// Uploads, downloads and CSV exports through the build people run, on local disk and on an S3-compatible server
// (s3rver on loopback): the AWS SDK, file-type sniffing, image-size, sharp (native, kept external by the build)
// and csv-stringify are loaded by the bundle, not by the test runner.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, cleanUpBuiltServers, startBuiltServer } from '../support/built-server.ts';
import { elf, png } from '../support/files.ts';
import { type Sessions, signInEveryone, ticketAt } from '../support/tickets.ts';
import { upload, uploadOk } from '../support/uploads.ts';

const BUCKET = 'built-attachments';

type Storage = { env: Record<string, string>; storedObjects(): Promise<number>; close(): Promise<void> };

async function s3Storage(): Promise<Storage> {
  const directory = await mkdtemp(join(tmpdir(), 'built-s3rver-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await s3.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  return {
    env: {
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    storedObjects: async () => (await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount ?? 0,
    async close() {
      client.destroy();
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function download(server: BuiltServer, path: string, token?: string) {
  const response = await fetch(new URL(path, server.origin), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe.each([
  ['local disk', async (): Promise<Storage | undefined> => undefined],
  ['S3', s3Storage],
])('the built server storing attachments on %s', (name, makeStorage) => {
  let storage: Storage | undefined;
  let server: BuiltServer;
  let s: Sessions;

  beforeAll(async () => {
    storage = await makeStorage();
    server = await startBuiltServer({ env: { ...storage?.env, UPLOAD_MAX_BYTES: '200000' } });
    s = await signInEveryone(server);
  });
  afterAll(async () => {
    await server?.stop();
    await storage?.close();
  });

  it('stores an upload and its WebP preview, serves both by signed link, and refuses what its content says it is not', async () => {
    const ticket = await ticketAt(server, s, 'IN_PROGRESS', { title: `Built upload on ${name}` });
    const image = png(40, 30);
    const stored = await uploadOk(server, s.designer.token, ticket.id, { name: 'hero.png', bytes: image, type: 'image/png' });
    expect(stored).toMatchObject({ fileName: 'hero.png', mimeType: 'image/png', size: image.length, width: 40, height: 30 });
    const { ticket: listed } = await server.ok(`query ($id: ID!) { ticket(id: $id) { attachments { previewUrl } } }`, { id: ticket.id }, s.designer.token);
    const preview = await download(server, String(listed.attachments[0].previewUrl));
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ format: 'webp', width: 40, height: 30 });
    // The file and the preview the bundle's sharp made (at upload, or at the first request for it when the upload's
    // one-second wait ran out, as it can on a loaded machine): counted after the preview has been served.
    if (storage) expect(await storage.storedObjects()).toBe(2);

    const fetched = await download(server, String(stored.url));
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.bytes.equals(image)).toBe(true);

    const disguised = await upload(server, s.designer.token, ticket.id, { name: 'photo.png', bytes: elf(), type: 'image/png' });
    expect(disguised.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    if (storage) expect(await storage.storedObjects()).toBe(2);
  });

  it('exports the tickets a manager may read as CSV', async () => {
    const title = `Built export ${name} ${Date.now()}`;
    await ticketAt(server, s, 'REQUESTED', { title });
    const csv = await download(server, `/export/tickets.csv?search=${encodeURIComponent(title)}`, s['marketing.manager'].token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(title);
    expect((await download(server, '/export/tickets.csv')).status).toBe(401);
  });
});

afterAll(cleanUpBuiltServers);
