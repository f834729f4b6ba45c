// The attachment store the configuration asks for: an S3-compatible bucket when S3_BUCKET is set (several
// instances share it), otherwise DATA_DIR/uploads on this machine.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { BlobStore } from './blob-store.ts';
import { createLocalBlobStore } from './local-blob-store.ts';

export type { BlobStore, ByteRange } from './blob-store.ts';
export { previewFailedKeyOf, previewKeyOf } from './blob-store.ts';

/** The S3 client (the AWS SDK: ≈0.2 s to import) loads only when a bucket is configured. */
export async function openBlobStore(config: Pick<Config, 's3' | 'dataDir'>): Promise<BlobStore & { close(): void }> {
  if (config.s3) return (await import('./s3-blob-store.ts')).createS3BlobStore(config.s3);
  return { ...createLocalBlobStore(join(config.dataDir, 'uploads')), close: () => {} };
}
