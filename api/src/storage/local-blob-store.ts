// Attachment bytes on local disk, under <dir>/<first two hex digits>/<sha256>. A write goes to a temporary
// file that is renamed into place, so a reader never sees half a file and a crash leaves no torn object.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertContentKey, type BlobStore, type ByteRange } from './blob-store.ts';

export function createLocalBlobStore(dir: string): BlobStore {
  const pathOf = (key: string) => {
    assertContentKey(key);
    return join(dir, key.slice(0, 2), key);
  };
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );

  return {
    kind: 'local',
    async put(key, bytes) {
      const path = pathOf(key);
      if (await exists(path)) return;
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      const temporary = join(dir, `.${key}.${randomBytes(6).toString('hex')}.part`);
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, path);
      } finally {
        await rm(temporary, { force: true });
      }
    },
    has: (key) => exists(pathOf(key)),
    async get(key, range?: ByteRange): Promise<Readable | null> {
      const path = pathOf(key);
      if (!(await exists(path))) return null;
      return createReadStream(path, range ? { start: range.start, end: range.end } : {});
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async check() {
      // Writing is what uploads need, and what a full disk or a read-only mount refuses: a permission check
      // would pass on both.
      await mkdir(dir, { recursive: true });
      const probe = join(dir, `.ready-${randomBytes(6).toString('hex')}.part`);
      try {
        await writeFile(probe, 'ok', { flag: 'wx' });
      } finally {
        await rm(probe, { force: true });
      }
    },
  };
}
