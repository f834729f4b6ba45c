// Small WebP previews of image attachments (issue 26 item 5), made by sharp (libvips) and kept in the blob store
// beside the file under a key derived from its content key (storage/blob-store.ts previewKeyOf): rows that share
// the bytes share the preview. Made when the image is uploaded (the upload waits for it at most UPLOAD_WAIT_MS,
// then it goes on in the background on the same slots); when that was skipped (the queue full, the store down),
// made on the first request for it and cached the same way.
//
// An upload is bytes, never trusted: an image whose header declares more than MAX_INPUT_PIXELS is never decoded
// (checked from the recorded size first, then from the header), nor one whose decoded pixels would take more than
// MAX_DECODED_BYTES (a 16-bit RGBA pixel is 8 bytes), nor an interlaced (progressive) one above
// MAX_INTERLACED_PIXELS (libvips must hold the whole image of those in memory, not stream it). Each decode has a time
// budget, and at most PREVIEW_CONCURRENCY are made at once on one libvips thread each (the machine's cores also
// serve the API), with a short queue behind them; past it, a preview is not made now. An image refused from its
// header, or whose decode failed, is remembered as such (previewFailedKeyOf, an empty marker beside it, then the
// rows' previewFailed): it is never decoded again, and its preview answers "none" at once. A decode that ran out of
// time (under load) or a marker the store did not keep says nothing for good about the image: the next request
// tries again (up to MAX_TIMEOUTS decodes in a row that run out of time, then it is failed like a broken one). sharp only loads PNG, JPEG, WebP and GIF, from memory (every other
// libvips loader is blocked).
import type { Readable } from 'node:stream';
import { ALLOWED_TYPES } from '../domain/attachments.ts';
import { type BlobStore, previewFailedKeyOf, previewKeyOf } from '../storage/index.ts';

/** The preview fits inside this many pixels each way; never enlarged. */
export const PREVIEW_SIZE = 480;
const PREVIEW_QUALITY = 75;
/** 40 megapixels: a 8,000 × 5,000 photograph; a decoded RGBA frame of it is 160 MB. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** What a decoded image may take in memory: 40 MP of 8-bit RGBA (a 16-bit one holds 8 bytes a pixel). */
export const MAX_DECODED_BYTES = MAX_INPUT_PIXELS * 4;
/** An interlaced PNG or progressive JPEG is decoded whole, not streamed: 12 MP and 64 MB at most. */
export const MAX_INTERLACED_PIXELS = 12_000_000;
export const MAX_INTERLACED_BYTES = 64 * 1024 * 1024;
const TIME_BUDGET_SECONDS = 5;
/** How long an upload waits for its preview before it answers (the preview goes on being made after). */
const UPLOAD_WAIT_MS = 1_000;
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
    // Only the loaders of the types an upload accepts, from memory: no SVG, PDF, TIFF, HEIF... whatever the bytes say.
    sharp.block({ operation: ['VipsForeignLoad'] });
    sharp.unblock({ operation: ['VipsForeignLoadPngBuffer', 'VipsForeignLoadJpegBuffer', 'VipsForeignLoadWebpBuffer', 'VipsForeignLoadGifBuffer'] });
    return sharp;
  });
  return sharpLoading;
};

/** Bytes a decoded sample takes, by libvips band format. */
const SAMPLE_BYTES: Record<string, number> = { uchar: 1, char: 1, ushort: 2, short: 2, uint: 4, int: 4, float: 4, complex: 8, double: 8, dpcomplex: 16 };

/** An image refused from its header: not decoded, and never will be. */
export class PreviewRefused extends Error {}

/**
 * Reads the header only (no pixels are decoded) and rejects with PreviewRefused when decoding the image would cost
 * too much: past the pixel limit, past the decoded-bytes budget, or interlaced and past the lower limits of those.
 */
export async function assertDecodable(bytes: Uint8Array): Promise<void> {
  const sharp = await loadSharp();
  const { width, height, channels, depth, isProgressive } = await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
  if (!width || !height || !channels) throw new PreviewRefused('The image header declares no size.');
  const pixels = width * height;
  if (pixels > MAX_INPUT_PIXELS) throw new PreviewRefused(`The image is past the pixel limit (${pixels} pixels).`);
  const decodedBytes = pixels * channels * (SAMPLE_BYTES[depth ?? 'uchar'] ?? 8);
  if (decodedBytes > MAX_DECODED_BYTES) throw new PreviewRefused(`The decoded image would take ${decodedBytes} bytes.`);
  if (isProgressive && (pixels > MAX_INTERLACED_PIXELS || decodedBytes > MAX_INTERLACED_BYTES)) {
    throw new PreviewRefused(`The image is interlaced and would be decoded whole (${pixels} pixels, ${decodedBytes} bytes).`);
  }
}

/** Decodes and shrinks, with no check of its own (see assertDecodable); rejects on a broken image or past the budget. */
export async function decodePreview(bytes: Uint8Array): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, animated: false, failOn: 'error' })
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: PREVIEW_QUALITY })
    .timeout({ seconds: TIME_BUDGET_SECONDS })
    .toBuffer();
}

/** The preview of an image's bytes; rejects when they cannot be decoded, are too costly to or take too long. */
export async function makePreview(bytes: Uint8Array): Promise<Buffer> {
  await assertDecodable(bytes);
  return decodePreview(bytes);
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** What a preview is made for: the file's content key, its stored type and its recorded pixel size. */
export type PreviewSource = Dimensions & { storageKey: string; mimeType: string };

export type PreviewOptions = {
  /** The full decode (a seam: the tests count how often it runs); the header is always checked first. */
  decode?: (bytes: Uint8Array) => Promise<Buffer>;
  /** Told that no preview can be made of this content (to record it on its rows, so no link to one is handed out). */
  onFailed?: (storageKey: string) => Promise<void>;
};

/** sharp's answer past the time budget ("timeout: 40% complete"): the machine was busy, the image may be fine. */
const ranOutOfTime = (error: unknown) => error instanceof Error && /^timeout: \d+% complete/.test(error.message);
/**
 * Content that ran out of time this many times in a row is failed like a broken image: a busy machine gets
 * another try, but an image made to decode slowly cannot hold a preview slot for the whole budget on every request.
 */
export const MAX_TIMEOUTS = 3;
/** The contents counted (in this process): past this many, the oldest count is forgotten. */
const TIMEOUTS_REMEMBERED = 10_000;

export function createPreviews(store: BlobStore, { decode = decodePreview, onFailed = async () => {} }: PreviewOptions = {}) {
  let running = 0;
  const waiting: (() => void)[] = [];
  /** One making per content key at a time: a board full of one image asks once. */
  const making = new Map<string, Promise<Uint8Array | null>>();
  /** How many times in a row each content ran out of time (insertion order: the oldest first). */
  const timeouts = new Map<string, number>();

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

  /** Whether this content was refused or failed before: then it is never decoded again (and its rows are told). */
  async function failedBefore(storageKey: string): Promise<boolean> {
    if (!(await store.has(previewFailedKeyOf(storageKey)))) return false;
    await recordFailure(storageKey);
    return true;
  }

  /** Not recorded (the database down): the rows go on linking to a preview that answers 404, as before. */
  const recordFailure = (storageKey: string) => onFailed(storageKey).catch(() => {});

  /** The preview of the bytes, or null: after remembering that none can be made of them when refused or broken. */
  async function previewOrMark(storageKey: string, original: Uint8Array): Promise<Buffer | null> {
    await loadSharp(); // sharp failing to load says nothing about the image: not remembered against it.
    try {
      await assertDecodable(original);
      const preview = await decode(original);
      timeouts.delete(storageKey);
      return preview;
    } catch (error) {
      if (ranOutOfTime(error)) {
        const count = (timeouts.get(storageKey) ?? 0) + 1;
        timeouts.delete(storageKey);
        if (count < MAX_TIMEOUTS) {
          timeouts.set(storageKey, count);
          if (timeouts.size > TIMEOUTS_REMEMBERED) timeouts.delete(timeouts.keys().next().value as string);
          return null;
        }
      }
      const kept = await store.put(previewFailedKeyOf(storageKey), new Uint8Array(0), 'application/octet-stream').then(
        () => true,
        () => false,
      );
      // Recorded on the rows only once the marker is kept: with the store down, the next request tries again.
      if (kept) await recordFailure(storageKey);
      return null;
    }
  }

  /** Makes and stores the preview, from the bytes when the caller has them, else from the store; null: none. */
  function make(source: PreviewSource, bytes?: Uint8Array): Promise<Uint8Array | null> {
    if (!canPreview(source.mimeType, source)) return Promise.resolve(null);
    const key = previewKeyOf(source.storageKey);
    const pending = making.get(key);
    if (pending) return pending;
    const made = limited(async () => {
      // A queued request for content a running one just gave up on does not try again.
      if (await failedBefore(source.storageKey)) return null;
      const original = bytes ?? (await store.get(source.storageKey).then((stream) => (stream ? readAll(stream) : null)));
      if (!original) return null;
      const preview = await previewOrMark(source.storageKey, original);
      if (preview) await store.put(key, preview, 'image/webp');
      return preview;
    }).finally(() => making.delete(key));
    making.set(key, made);
    return made;
  }

  return {
    /**
     * Right after an upload, from its bytes; true when the preview is there when it answers. Never rejects, and waits
     * at most UPLOAD_WAIT_MS: past that the preview goes on being made (a request for it meanwhile joins that).
     */
    async afterUpload(source: PreviewSource, bytes: Uint8Array): Promise<boolean> {
      try {
        if (!canPreview(source.mimeType, source)) return false;
        // The same bytes uploaded before (to any ticket) have theirs already, or are known to have none.
        if (await store.has(previewKeyOf(source.storageKey))) return true;
        if (await failedBefore(source.storageKey)) return false;
        const made = make(source, bytes).then(
          (preview) => preview !== null,
          () => false,
        );
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), UPLOAD_WAIT_MS);
          timer.unref();
        });
        return await Promise.race([made, waited]).finally(() => clearTimeout(timer));
      } catch {
        return false;
      }
    },

    /** The preview's bytes (WebP), made now if it was not yet; null when none can be made (at once when known). */
    async read(source: PreviewSource): Promise<Uint8Array | null> {
      if (!canPreview(source.mimeType, source)) return null;
      const stored = await store.get(previewKeyOf(source.storageKey));
      if (stored) return readAll(stored);
      if (await failedBefore(source.storageKey)) return null;
      return make(source);
    },

    /** Removes the preview (or the marker that none can be made) of content being removed; nothing there is fine. */
    async release(storageKey: string): Promise<void> {
      await store.delete(previewKeyOf(storageKey));
      await store.delete(previewFailedKeyOf(storageKey));
    },
  };
}

export type Previews = ReturnType<typeof createPreviews>;
