// Attachment bytes in an S3-compatible bucket (AWS S3, MinIO, R2, …), so every API instance reads what any
// of them stored. Objects are named by their SHA-256 under a prefix.

import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertContentKey, type BlobStore, type ByteRange } from './blob-store.ts';

export type S3Settings = {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
};

const PREFIX = 'attachments/';

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);

export function createS3BlobStore(settings: S3Settings): BlobStore & { close(): void } {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // Explicit keys when given; otherwise the SDK's usual chain (environment, instance role, …).
    credentials:
      settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    // Checksums only where the API requires them: many S3-compatible servers reject the newer trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const objectKey = (key: string) => {
    assertContentKey(key);
    return `${PREFIX}${key}`;
  };
  const has = async (key: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  };

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      if (await has(key)) return;
      await client.send(
        new PutObjectCommand({ Bucket: settings.bucket, Key: objectKey(key), Body: bytes, ContentLength: bytes.byteLength, ContentType: contentType }),
      );
    },
    has,
    async get(key, range?: ByteRange): Promise<Readable | null> {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: settings.bucket, Key: objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
        return (object.Body as Readable | undefined) ?? null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
    },
    async check(signal) {
      // Reachable, the bucket exists and the credentials may use it; nothing is written.
      await client.send(new HeadBucketCommand({ Bucket: settings.bucket }), { abortSignal: signal });
    },
    close: () => client.destroy(),
  };
}
