// Where attachment bytes live, behind one small interface: a directory on local disk (embedded mode, one
// instance) or an S3-compatible bucket (several instances share it). Keys are the bytes' SHA-256, so the same
// content is stored once however many attachments name it, and a write of an existing key changes nothing.
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

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Keys are hashes and nothing else: no caller can make a store touch a path or object of its choosing. */
export function assertContentKey(key: string): void {
  if (!SHA256_HEX.test(key)) throw new Error('A blob key is the SHA-256 of its content, in lowercase hex.');
}
