// The preview maker's guards, on a store that holds originals back until told: at most two previews are made at
// once, sixteen wait, and past that a request gets no preview now (the next one makes it); one content key is
// made once however many ask at the same time.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { png } from '../../test/support/files.ts';
import type { BlobStore } from '../storage/index.ts';
import { createPreviews } from './previews.ts';

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
});
