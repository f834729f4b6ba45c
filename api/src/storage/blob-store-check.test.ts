// What /ready asks of the blob store: check() passes when an upload could be stored now and rejects when not —
// a local directory that cannot be written, an S3 bucket that is missing or a server that does not answer (on a
// fake S3, s3rver, on loopback).
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from './local-blob-store.ts';
import { createS3BlobStore, type S3Settings } from './s3-blob-store.ts';

let dir: string;
let s3: S3rver;
let settings: S3Settings;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'juan365-blob-check-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: 'present', configs: [] }] });
  const { port } = await s3.run();
  settings = {
    bucket: 'present',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
});
afterAll(async () => {
  await s3?.close().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

const signal = () => AbortSignal.timeout(2000);

describe('local blob store check', () => {
  it('passes on a writable directory (creating it) and leaves nothing behind', async () => {
    const uploads = join(dir, 'uploads');
    await createLocalBlobStore(uploads).check(signal());
    expect(await readdir(uploads)).toEqual([]);
  });

  it('rejects when the directory cannot be created', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(createLocalBlobStore(join(file, 'uploads')).check(signal())).rejects.toThrow(/ENOTDIR/);
  });
});

describe('S3 blob store check', () => {
  it('passes when the bucket answers HeadBucket', async () => {
    const store = createS3BlobStore(settings);
    await store.check(signal());
    store.close();
  });

  it('rejects for a bucket that does not exist', async () => {
    const store = createS3BlobStore({ ...settings, bucket: 'absent' });
    await expect(store.check(signal())).rejects.toThrow();
    store.close();
  });

  it('rejects when nothing answers at the endpoint', async () => {
    const store = createS3BlobStore(settings);
    await s3.close();
    await expect(store.check(signal())).rejects.toThrow();
    store.close();
  });
});
