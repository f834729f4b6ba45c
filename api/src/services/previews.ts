// Small WebP previews of image attachments (issue 26 item 5), made by sharp (libvips) and kept in the blob store
// beside the file under a key derived from its content key (storage/blob-store.ts previewKeyOf): rows that share
// the bytes share the preview. Made once when the image is uploaded; when that failed or was skipped (the queue
// full, the store down), made on the first request for it and cached the same way.
//
// An upload is bytes, never trusted: an image whose header declares more than MAX_INPUT_PIXELS is never decoded
// (checked from the recorded size first, then by sharp itself from the header), each one has a time budget, and
// at most PREVIEW_CONCURRENCY are made at once on one libvips thread each (the machine's cores also serve the
// API), with a short queue behind them; past it, a preview is not made now.
import type { Readable } from 'node:stream';
import { ALLOWED_TYPES } from '../domain/attachments.ts';
import { type BlobStore, previewKeyOf } from '../storage/index.ts';

/** The preview fits inside this many pixels each way; never enlarged. */
export const PREVIEW_SIZE = 480;
const PREVIEW_QUALITY = 75;
/** 40 megapixels: a 8,000 × 5,000 photograph; a decoded RGBA frame of it is 160 MB. */
export const MAX_INPUT_PIXELS = 40_000_000;
const TIME_BUDGET_SECONDS = 5;
const PREVIEW_CONCURRENCY = 2;
const MAX_WAITING = 16;

/** The types a preview is made of: the raster images an upload accepts (PNG, JPEG, GIF's first frame, WebP). */
export const PREVIEWABLE_MIME_TYPES: readonly string[] = [...ALLOWED_TYPES.values()].filter((type) => type.image).map((type) => type.mime);

/** Where a preview is served (http/files.ts), with the attachment's signed link token. */
export const previewPath = (attachmentId: string, token: string) => `/files/${attachmentId}/preview?token=${token}`;

type Dimensions = { width: number | null; height: number | null };

/** Whether a preview can be made of a file of this type and recorded size (false for a declared bomb). */
export function canPreview(mimeType: string, { width, height }: Dimensions): boolean {
  if (!PREVIEWABLE_MIME_TYPES.includes(mimeType)) return false;
  return width === null || height === null || width * height <= MAX_INPUT_PIXELS;
}

type Sharp = typeof import('sharp')['default'];

/** sharp (and libvips, ≈40 MB of native code) loads with the first preview, not with the app (start-up time). */
let sharpLoading: Promise<Sharp> | undefined;
const loadSharp = () => {
  sharpLoading ??= import('sharp').then((module) => {
    const sharp = module.default;
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return sharpLoading;
};

/** The preview of an image's bytes; rejects when they cannot be decoded, are too large or take too long. */
export async function makePreview(bytes: Uint8Array): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, animated: false, failOn: 'error' })
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: PREVIEW_QUALITY })
    .timeout({ seconds: TIME_BUDGET_SECONDS })
    .toBuffer();
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** What a preview is made for: the file's content key, its stored type and its recorded pixel size. */
export type PreviewSource = Dimensions & { storageKey: string; mimeType: string };

export function createPreviews(store: BlobStore) {
  let running = 0;
  const waiting: (() => void)[] = [];
  /** One making per content key at a time: a board full of one image asks once. */
  const making = new Map<string, Promise<Uint8Array | null>>();

  async function limited<T>(task: () => Promise<T>): Promise<T | null> {
    if (running >= PREVIEW_CONCURRENCY) {
      if (waiting.length >= MAX_WAITING) return null;
      await new Promise<void>((resume) => waiting.push(resume));
    } else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }

  /** Makes and stores the preview, from the bytes when the caller has them, else from the store; null: none. */
  function make(source: PreviewSource, bytes?: Uint8Array): Promise<Uint8Array | null> {
    if (!canPreview(source.mimeType, source)) return Promise.resolve(null);
    const key = previewKeyOf(source.storageKey);
    const pending = making.get(key);
    if (pending) return pending;
    const made = limited(async () => {
      const original = bytes ?? (await store.get(source.storageKey).then((stream) => (stream ? readAll(stream) : null)));
      if (!original) return null;
      const preview = await makePreview(original).catch(() => null);
      if (preview) await store.put(key, preview, 'image/webp');
      return preview;
    }).finally(() => making.delete(key));
    making.set(key, made);
    return made;
  }

  return {
    /** Right after an upload, from its bytes. Never rejects: without a preview now, the first request makes it. */
    async afterUpload(source: PreviewSource, bytes: Uint8Array): Promise<boolean> {
      try {
        if (!canPreview(source.mimeType, source)) return false;
        // The same bytes uploaded before (to any ticket) have theirs already.
        if (await store.has(previewKeyOf(source.storageKey))) return true;
        return (await make(source, bytes)) !== null;
      } catch {
        return false;
      }
    },

    /** The preview's bytes (WebP), made now if it was not yet; null when none can be made. */
    async read(source: PreviewSource): Promise<Uint8Array | null> {
      if (!canPreview(source.mimeType, source)) return null;
      const stored = await store.get(previewKeyOf(source.storageKey));
      if (stored) return readAll(stored);
      return make(source);
    },

    /** Removes the preview of content being removed (nothing to remove is fine). */
    release: (storageKey: string) => store.delete(previewKeyOf(storageKey)),
  };
}

export type Previews = ReturnType<typeof createPreviews>;
