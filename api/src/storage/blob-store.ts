// Where attachment bytes live, behind one small interface: a directory on local disk (embedded mode, one
// instance) or an S3-compatible bucket (several instances share it). Keys are the bytes' SHA-256, so the same
// content is stored once however many attachments name it, and a write of an existing key changes nothing.
// What the server derives from a file (its image preview) is stored beside it under the content key and a fixed
// suffix, so rows sharing the bytes share the preview too.
import type { Readable } from 'node:stream';

/** Inclusive byte positions, as HTTP ranges count them. */
export type ByteRange = { start: number; end: number };

export type BlobStore = {
  readonly kind: 'local' | 's3';
  /** Stores the bytes under the key (idempotent: the key names the content). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** The bytes (or the range of them), or null when nothing is stored under the key. */
  get(key: string, range?: ByteRange): Promise<Readable | null>;
  /** Removes the bytes; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Rejects when nothing could be stored now: the directory is not writable, the bucket not reachable (/ready). */
  check(signal: AbortSignal): Promise<void>;
};

/** The suffix of a content key's image preview (services/previews.ts): WebP, fitting inside 480 × 480. */
const PREVIEW_SUFFIX = '.preview-480.webp';
/** The suffix of the marker that no preview can be made of that content (refused or failed once: never again). */
const PREVIEW_FAILED_SUFFIX = '.preview-480.failed';
const CONTENT_HASH = /^[0-9a-f]{64}$/;
const BLOB_KEY = /^[0-9a-f]{64}(\.preview-480\.(webp|failed))?$/;

/**
 * Keys are hashes, or a hash and the one derived suffix, and nothing else: no caller can make a store touch a
 * path or object of its choosing.
 */
export function assertContentKey(key: string): void {
  if (!BLOB_KEY.test(key)) throw new Error('A blob key is the SHA-256 of its content in lowercase hex, or that and a derived suffix.');
}

function assertOriginalKey(key: string): void {
  assertContentKey(key);
  if (!CONTENT_HASH.test(key)) throw new Error('A preview has no preview of its own.');
}

/** Where the preview of the content under `key` is kept. */
export function previewKeyOf(key: string): string {
  assertOriginalKey(key);
  return `${key}${PREVIEW_SUFFIX}`;
}

/** Where the marker "no preview can be made of the content under `key`" is kept (an empty object). */
export function previewFailedKeyOf(key: string): string {
  assertOriginalKey(key);
  return `${key}${PREVIEW_FAILED_SUFFIX}`;
}
