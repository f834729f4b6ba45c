// The preview maker's guards, on a store that holds originals back until told: at most two previews are made at
// once, sixteen wait, and past that a request gets no preview now (the next one makes it); one content key is
// made once however many ask at the same time. An image too costly to decode is refused from its header, never
// decoded; one whose decode fails is decoded once, and remembered: later requests answer "none" without decoding.
// A decode out of time, or a failure whose marker the store did not keep, is not remembered: the next one tries again.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { png, pngFile } from '../../test/support/files.ts';
import type { BlobStore } from '../storage/index.ts';
import { assertDecodable, createPreviews, decodePreview, MAX_TIMEOUTS, PreviewRefused } from './previews.ts';

function heldStore() {
  const stored = new Map<string, Uint8Array>();
  let reading = 0;
  let mostReading = 0;
  let originalReads = 0;
  const held: (() => void)[] = [];
  const store: BlobStore = {
    kind: 'local',
    put: async (key, bytes) => void stored.set(key, bytes),
    has: async (key) => stored.has(key),
    async get(key) {
      if (key.endsWith('.webp')) return stored.has(key) ? Readable.from([Buffer.from(stored.get(key) as Uint8Array)]) : null;
      originalReads += 1;
      reading += 1;
      mostReading = Math.max(mostReading, reading);
      await new Promise<void>((release) => held.push(release));
      reading -= 1;
      return Readable.from([png(12, 8)]);
    },
    delete: async (key) => void stored.delete(key),
    check: async () => {},
  };
  /** Lets every read through, now and as they come, until `done` settles; its answer. */
  const releaseUntil = async <T>(done: Promise<T>): Promise<T> => {
    let settled = false;
    void done.finally(() => (settled = true)).catch(() => {});
    while (!settled) {
      for (const release of held.splice(0)) release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return done;
  };
  return { store, stored, releaseUntil, stats: () => ({ mostReading, originalReads }) };
}

const source = (n: number) => ({ storageKey: n.toString(16).padStart(64, '0'), mimeType: 'image/png', width: 12, height: 8 });

describe('previews', () => {
  it('makes at most two at once, queues sixteen, and turns the rest away for now', async () => {
    const { store, stored, releaseUntil, stats } = heldStore();
    const previews = createPreviews(store);
    const asked = Array.from({ length: 20 }, (_, n) => previews.read(source(n + 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stats().mostReading).toBe(2);
    const answers = await releaseUntil(Promise.all(asked));
    expect(answers.filter((answer) => answer === null)).toHaveLength(2);
    expect(answers.filter((answer) => answer !== null)).toHaveLength(18);
    expect(stats().mostReading).toBe(2);
    expect([...stored.keys()].every((key) => key.endsWith('.preview-480.webp'))).toBe(true);
    expect(stored.size).toBe(18);
    // Turned away now, made on the next request.
    expect(await releaseUntil(previews.read(source(20)))).not.toBeNull();
  });

  it('makes one content key once however many ask at the same time', async () => {
    const { store, releaseUntil, stats } = heldStore();
    const previews = createPreviews(store);
    const asked = Array.from({ length: 5 }, () => previews.read(source(7)));
    const answers = await releaseUntil(Promise.all(asked));
    expect(answers.every((answer) => answer !== null)).toBe(true);
    expect(stats().originalReads).toBe(1);
  });

  it('makes none for other types and for a declared bomb, without reading the file', async () => {
    const { store, stats } = heldStore();
    const previews = createPreviews(store);
    expect(await previews.read({ ...source(1), mimeType: 'application/pdf' })).toBeNull();
    expect(await previews.read({ ...source(2), width: 50_000, height: 50_000 })).toBeNull();
    expect(stats().originalReads).toBe(0);
  });

  it('refuses from the header alone an image too costly to decode: 16-bit, or interlaced and large', async () => {
    // 6,300 × 6,300 16-bit RGBA, interlaced: under the 40 MP limit, but 8 bytes a pixel (317 MB), decoded whole.
    await expect(assertDecodable(craftedPng({ width: 6_300, height: 6_300, bitDepth: 16, interlaced: true }))).rejects.toThrow(PreviewRefused);
    // 16 MP of 8-bit RGBA is fine streamed, not interlaced (decoded whole in memory).
    await expect(assertDecodable(craftedPng({ width: 4_000, height: 4_000, bitDepth: 8, interlaced: false }))).resolves.toBeUndefined();
    await expect(assertDecodable(craftedPng({ width: 4_000, height: 4_000, bitDepth: 8, interlaced: true }))).rejects.toThrow(/interlaced/);

    const bomb = craftedPng({ width: 6_300, height: 6_300, bitDepth: 16, interlaced: true });
    const { store, stored, decodes, previews } = memoryPreviews(bomb);
    expect(await previews.read(memorySource)).toBeNull();
    expect(await previews.read(memorySource)).toBeNull();
    expect(await previews.afterUpload(memorySource, bomb)).toBe(false);
    expect(decodes()).toBe(0);
    expect(stored.has(`${memorySource.storageKey}.preview-480.failed`)).toBe(true);
    expect(store.originalReads()).toBe(1);
  });

  it('decodes an image that fails once, and answers none from then on without decoding or reading it', async () => {
    // Its header is fine (2,000 × 2,000 RGB); its pixel data is not there.
    const broken = craftedPng({ width: 2_000, height: 2_000, bitDepth: 8, interlaced: false });
    const { store, stored, decodes, previews } = memoryPreviews(broken);
    expect(await previews.read(memorySource)).toBeNull();
    expect(decodes()).toBe(1);
    expect(await previews.read(memorySource)).toBeNull();
    expect(await previews.afterUpload(memorySource, broken)).toBe(false);
    expect(decodes()).toBe(1);
    expect(store.originalReads()).toBe(1);
    // Removing the content removes the marker too.
    await previews.release(memorySource.storageKey);
    expect(stored.size).toBe(1);
  });

  it('remembers nothing of a decode that ran out of time (the machine busy): the next request makes the preview', async () => {
    const { stored, decodes, previews, recorded } = memoryPreviews(png(40, 30), {
      decode: (attempt) => (attempt === 1 ? Promise.reject(new Error('timeout: 40% complete')) : undefined),
    });
    expect(await previews.read(memorySource)).toBeNull();
    expect(stored.has(`${memorySource.storageKey}.preview-480.failed`)).toBe(false);
    expect(await previews.read(memorySource)).not.toBeNull();
    expect(decodes()).toBe(2);
    expect(recorded).toEqual([]);
  });

  it(`fails content that ran out of time ${MAX_TIMEOUTS} times in a row like a broken image: a slow image cannot take a preview slot for the whole budget on every request`, async () => {
    const { stored, decodes, previews, recorded } = memoryPreviews(png(40, 30), { decode: () => Promise.reject(new Error('timeout: 90% complete')) });
    for (let attempt = 1; attempt < MAX_TIMEOUTS; attempt += 1) {
      expect(await previews.read(memorySource)).toBeNull();
      expect(stored.has(`${memorySource.storageKey}.preview-480.failed`)).toBe(false);
    }
    expect(await previews.read(memorySource)).toBeNull();
    expect(stored.has(`${memorySource.storageKey}.preview-480.failed`)).toBe(true);
    expect(recorded).toEqual([memorySource.storageKey]);
    expect(await previews.read(memorySource)).toBeNull();
    expect(decodes()).toBe(MAX_TIMEOUTS);
  });

  it('records a broken image on its rows only once its marker is kept: with the store down, the next request tries again', async () => {
    const broken = craftedPng({ width: 2_000, height: 2_000, bitDepth: 8, interlaced: false });
    let storeDown = true;
    const { stored, decodes, previews, recorded } = memoryPreviews(broken, { refusePut: () => storeDown });
    expect(await previews.read(memorySource)).toBeNull();
    expect(stored.has(`${memorySource.storageKey}.preview-480.failed`)).toBe(false);
    expect(recorded).toEqual([]);
    storeDown = false;
    expect(await previews.read(memorySource)).toBeNull();
    expect(decodes()).toBe(2);
    expect(stored.has(`${memorySource.storageKey}.preview-480.failed`)).toBe(true);
    expect(recorded).toEqual([memorySource.storageKey]);
  });

  it('makes and keeps the preview of an image that decodes, once', async () => {
    const { stored, decodes, previews } = memoryPreviews(png(40, 30));
    expect(await previews.read(memorySource)).not.toBeNull();
    expect(await previews.read(memorySource)).not.toBeNull();
    expect(decodes()).toBe(1);
    expect([...stored.keys()]).toEqual([memorySource.storageKey, `${memorySource.storageKey}.preview-480.webp`]);
  });
});

/** A PNG whose header declares this image, with a few bytes of (not decodable) pixel data: small to hold. */
function craftedPng({ width, height, bitDepth, interlaced }: { width: number; height: number; bitDepth: 8 | 16; interlaced: boolean }): Buffer {
  // Colour type 6 (RGBA) for the costly ones, 2 (RGB) for 8-bit non-interlaced.
  return pngFile({ width, height, bitDepth, colourType: bitDepth === 16 || interlaced ? 6 : 2, interlaced }, Buffer.alloc(64));
}

const memorySource = { storageKey: 'b'.repeat(64), mimeType: 'image/png', width: null, height: null };

type Faults = {
  /** Answers the decode instead of the real one while it returns a promise (undefined: the real one runs). */
  decode?: (attempt: number) => Promise<Buffer> | undefined;
  /** Whether the store refuses to keep this key now. */
  refusePut?: (key: string) => boolean;
};

/**
 * Previews over a store holding one original, counting full decodes (the real one unless a fault answers) and
 * reads of the original, and listing the content keys whose failure was recorded on their rows (onFailed).
 */
function memoryPreviews(original: Uint8Array, faults: Faults = {}) {
  const stored = new Map<string, Uint8Array>([[memorySource.storageKey, original]]);
  let originalReads = 0;
  const recorded: string[] = [];
  const store: BlobStore & { originalReads(): number } = {
    kind: 'local',
    async put(key, bytes) {
      if (faults.refusePut?.(key)) throw new Error('The store is down.');
      stored.set(key, bytes);
    },
    has: async (key) => stored.has(key),
    async get(key) {
      if (key === memorySource.storageKey) originalReads += 1;
      const bytes = stored.get(key);
      return bytes ? Readable.from([Buffer.from(bytes)]) : null;
    },
    delete: async (key) => void stored.delete(key),
    check: async () => {},
    originalReads: () => originalReads,
  };
  let decodes = 0;
  const previews = createPreviews(store, {
    decode: (bytes) => {
      decodes += 1;
      return faults.decode?.(decodes) ?? decodePreview(bytes);
    },
    onFailed: async (storageKey) => void recorded.push(storageKey),
  });
  return { store, stored, previews, decodes: () => decodes, recorded };
}
