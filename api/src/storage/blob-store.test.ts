// Blob keys: a content hash, or a hash and the one derived suffix of its preview; nothing a caller could turn
// into a path or an object of its choosing.
import { describe, expect, it } from 'vitest';
import { assertContentKey, previewFailedKeyOf, previewKeyOf } from './blob-store.ts';

const HASH = 'a'.repeat(64);

describe('blob keys', () => {
  it('accepts a content hash and its preview key', () => {
    expect(() => assertContentKey(HASH)).not.toThrow();
    expect(previewKeyOf(HASH)).toBe(`${HASH}.preview-480.webp`);
    expect(() => assertContentKey(previewKeyOf(HASH))).not.toThrow();
  });

  it('accepts the marker that no preview can be made, of a content hash only', () => {
    expect(previewFailedKeyOf(HASH)).toBe(`${HASH}.preview-480.failed`);
    expect(() => assertContentKey(previewFailedKeyOf(HASH))).not.toThrow();
    expect(() => previewFailedKeyOf(previewKeyOf(HASH))).toThrow();
    expect(() => previewFailedKeyOf(previewFailedKeyOf(HASH))).toThrow();
    expect(() => previewKeyOf(previewFailedKeyOf(HASH))).toThrow();
  });

  it('refuses anything else, and a preview of a preview', () => {
    for (const key of [
      `${HASH}.webp`,
      `${HASH}.preview-480.webp/../x`,
      `../${HASH}`,
      `${HASH.toUpperCase()}`,
      'a'.repeat(63),
      `${HASH}.preview-9999.webp`,
      `${HASH}.failed`,
      `${HASH}.preview-480.failed.webp`,
    ]) {
      expect(() => assertContentKey(key), key).toThrow();
    }
    expect(() => previewKeyOf(previewKeyOf(HASH))).toThrow();
  });
});
