// Image previews (services/previews.ts, GET /files/<id>/preview): an uploaded PNG or JPEG gets a small WebP
// preview, turned upright by its EXIF orientation, stored beside the file and served on the file's own terms
// (whoever may read the ticket); an image that declares a bomb's size gets none and does not hang the upload, and
// one that fails to decode is remembered as such;
// a ticket's thumbnail is its newest image's preview, on the board's page statement as through Prisma.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_PIXELS, makePreview, PREVIEW_SIZE } from '../src/services/previews.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { pdf, png, pngFile } from './support/files.ts';
import { rawId, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';
import { multipart, uploadOk } from './support/uploads.ts';

/** A PNG whose header declares width × height but whose pixel data is a few bytes: what a decompression bomb looks like before it is decoded. */
function declaredPng(width: number, height: number): Buffer {
  return pngFile({ width, height }, Buffer.alloc(64));
}

/** A landscape JPEG whose EXIF says "rotate 90° clockwise to view": the preview must come out portrait. */
const rotatedJpeg = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .toBuffer();

const FIELDS = 'id fileName mimeType width height url previewUrl';
const UPLOAD_WITH_PREVIEW = `mutation ($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { attachment { ${FIELDS} } } }`;

describe('image previews', () => {
  let t: TestApp;
  let s: Sessions;
  let dataDir: string;
  let statements: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'previews-test-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(2_000_000) }, onQuery: (sql) => statements.push(sql) });
    s = await signInEveryone(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const fetchPath = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, t.url), { headers });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const uploadImage = async (ticketId: string, name: string, bytes: Uint8Array) => {
    const operations = { query: UPLOAD_WITH_PREVIEW, variables: { input: { ticketId, file: null } } };
    const { body } = await multipart(t, s.designer.token, operations, { 0: ['variables.input.file'] }, [{ name, bytes }]);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON read loosely; a wrong path fails the assertion.
    return (body.data as any).uploadAttachment.attachment;
  };
  /** Waits (at most 10 s) until the attachment's row records that no preview can be made of it. */
  const previewFailed = async (id: string) => {
    for (let tries = 0; tries < 100; tries += 1) {
      const row = await t.db.prisma.attachment.findUniqueOrThrow({ where: { id: rawId(id) }, select: { previewFailed: true } });
      if (row.previewFailed) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`attachment ${id}: its preview failure was never recorded`);
  };
  const storedKeys = async () =>
    (await readdir(join(dataDir, 'uploads'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);

  it('makes a WebP preview of an uploaded PNG and JPEG, within 480 px, upright, stored beside the file', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const large = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const pngFile = await uploadImage(ticket.id, 'banner.png', large);
    const jpegFile = await uploadImage(ticket.id, 'photo.jpg', await rotatedJpeg());
    expect(pngFile.previewUrl).toMatch(new RegExp(`^/files/${rawId(pngFile.id)}/preview\\?token=`));

    const pngPreview = await fetchPath(pngFile.previewUrl);
    expect(pngPreview.status).toBe(200);
    expect(pngPreview.headers.get('content-type')).toBe('image/webp');
    expect(pngPreview.headers.get('x-content-type-options')).toBe('nosniff');
    const pngMeta = await sharp(pngPreview.bytes).metadata();
    expect(pngMeta).toMatchObject({ format: 'webp', width: PREVIEW_SIZE, height: 270 });
    expect(pngPreview.bytes.byteLength).toBeLessThan(large.byteLength);

    const jpegPreview = await fetchPath(jpegFile.previewUrl);
    const jpegMeta = await sharp(jpegPreview.bytes).metadata();
    // 1200 × 800 turned by its EXIF orientation, then fitted: 320 × 480, and the orientation tag is gone.
    expect(jpegMeta).toMatchObject({ format: 'webp', width: 320, height: 480 });
    expect(jpegMeta.orientation).toBeUndefined();
    expect(jpegMeta.exif).toBeUndefined();

    // Made at upload and kept under the content key plus a suffix: served again from the store.
    const row = await t.db.prisma.attachment.findUniqueOrThrow({ where: { id: rawId(pngFile.id) } });
    expect(await storedKeys()).toContain(`${row.storageKey}.preview-480.webp`);

    // A small image is not enlarged; a PDF has no preview.
    const tiny = await uploadImage(ticket.id, 'icon.png', png(8, 6));
    expect(await sharp((await fetchPath(tiny.previewUrl)).bytes).metadata()).toMatchObject({ width: 8, height: 6 });
    const brief = await uploadImage(ticket.id, 'brief.pdf', pdf());
    expect(brief.previewUrl).toBeNull();
    expect((await fetchPath(`/files/${rawId(brief.id)}/preview`, { authorization: `Bearer ${s.designer.token}` })).status).toBe(404);
  });

  it('serves a preview only to whoever may read the ticket', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const file = await uploadImage(ticket.id, 'proof.png', png(40, 30));
    const path = `/files/${rawId(file.id)}/preview`;
    expect((await fetchPath(path, { authorization: `Bearer ${s.marketer.token}` })).status).toBe(200);
    // The seller may not read the ticket: the preview does not exist for them, with their header or their own link.
    const refused = await fetchPath(path, { authorization: `Bearer ${s.seller.token}` });
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
    const sellers = await t.gql(`query ($id: ID!) { node(id: $id) { ... on Attachment { previewUrl } } }`, { id: file.id }, s.seller.token);
    expect(sellers.data).toEqual({ node: null });
    expect((await fetchPath(path)).status).toBe(401);
    // A link to another attachment does not open this one's preview.
    const other = await uploadImage(ticket.id, 'other.png', png(4, 4));
    const otherToken = new URL(other.previewUrl, t.url).searchParams.get('token');
    expect((await fetchPath(`${path}?token=${otherToken}`)).status).toBe(401);
  });

  it('gives a bomb-sized image no preview, quickly, and the upload still succeeds', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const started = Date.now();
    const bomb = await uploadImage(ticket.id, 'bomb.png', declaredPng(60_000, 60_000));
    expect(bomb).toMatchObject({ width: 60_000, height: 60_000, previewUrl: null });
    // Under the pixel limit by its header but with no pixels behind it: decoding fails, no preview is kept.
    const broken = await uploadImage(ticket.id, 'broken.png', declaredPng(4_000, 4_000));
    // Its preview's address (previewUrl, once the failure is known, is null): the file's link to /preview.
    const brokenPreview = broken.url.replace('?token=', '/preview?token=');
    expect((await fetchPath(brokenPreview)).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(15_000);
    const brokenKey = (await t.db.prisma.attachment.findUniqueOrThrow({ where: { id: rawId(broken.id) } })).storageKey;
    expect((await storedKeys()).filter((key) => key.endsWith('.webp'))).not.toContain(`${brokenKey}.preview-480.webp`);
    // The failure is remembered beside the file (an empty marker): later requests answer 404 without decoding again.
    expect(await storedKeys()).toContain(`${brokenKey}.preview-480.failed`);
    expect((await fetchPath(brokenPreview)).status).toBe(404);
    // And recorded on the row: no link to a preview that answers 404 is handed out any more, nor to the same
    // bytes uploaded again (known to fail without a decode).
    await previewFailed(broken.id);
    const again = await uploadImage(ticket.id, 'broken-again.png', declaredPng(4_000, 4_000));
    await previewFailed(again.id);
    for (const id of [broken.id, again.id]) {
      const read = await t.ok(`query ($id: ID!) { node(id: $id) { ... on Attachment { previewUrl url } } }`, { id }, s.marketer.token);
      expect(read.node).toMatchObject({ previewUrl: null, url: expect.stringMatching(/^\/files\//) });
    }
    // sharp itself refuses to decode past the limit, whatever the caller recorded.
    await expect(makePreview(declaredPng(MAX_INPUT_PIXELS / 1000 + 1, 1001))).rejects.toThrow(/pixel limit/i);
  });

  it('makes a preview lazily on first request when none was kept, and removes it with the bytes', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const file = await uploadImage(ticket.id, 'late.png', png(30, 20));
    const row = await t.db.prisma.attachment.findUniqueOrThrow({ where: { id: rawId(file.id) } });
    const previewFile = join(dataDir, 'uploads', row.storageKey.slice(0, 2), `${row.storageKey}.preview-480.webp`);
    await rm(previewFile);
    expect((await fetchPath(file.previewUrl)).status).toBe(200);
    expect(await storedKeys()).toContain(`${row.storageKey}.preview-480.webp`);

    await t.ok(`mutation ($input: DeleteTicketInput!) { deleteTicket(input: $input) { ticket { id } } }`, { input: { id: ticket.id } }, s.admin.token);
    await t.ok(`mutation ($input: PurgeTicketInput!) { purgeTicket(input: $input) { purgedTicketId } }`, { input: { id: ticket.id } }, s.admin.token);
    expect((await storedKeys()).filter((key) => key.startsWith(row.storageKey))).toEqual([]);
  });

  it("shows each ticket's newest image as its thumbnail on the list, the same with and without the page statement", async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Thumbnail ticket' });
    const empty = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Thumbnail-less ticket' });
    await uploadImage(ticket.id, 'first.png', png(10, 10));
    const newest = await uploadImage(ticket.id, 'second.png', png(20, 10));
    // A newer image no preview can be made of is passed over: its preview link would answer 404.
    await previewFailed((await uploadImage(ticket.id, 'third.png', declaredPng(3_000, 3_000))).id);
    await uploadOk(t, s.designer.token, ticket.id, { name: 'notes.pdf', bytes: Buffer.concat([pdf(), Buffer.from('%thumb')]) });
    await uploadOk(t, s.designer.token, empty.id, { name: 'notes.pdf', bytes: Buffer.concat([pdf(), Buffer.from('%thumb2')]) });
    // The board's shape (the page statement) and one with collaborators (left to Prisma).
    for (const extra of ['', 'collaborators { id }']) {
      statements = [];
      const data = await t.ok(
        `query { tickets(first: 10, filter: { search: "humbnail" }) { nodes { title ${extra} thumbnail { url fileName } } } }`,
        {},
        s.marketer.token,
      );
      // The board's shape reads the thumbnail inside the page statement (services/ticket-list-sql.ts).
      if (!extra) expect(statements.filter((sql) => sql.includes('FROM "Ticket" t') && sql.includes('FROM "Attachment" a'))).toHaveLength(1);
      const byTitle = Object.fromEntries(data.tickets.nodes.map((node: { title: string; thumbnail: unknown }) => [node.title, node.thumbnail]));
      expect(byTitle['Thumbnail-less ticket'], extra).toBeNull();
      expect(byTitle['Thumbnail ticket'], extra).toMatchObject({
        fileName: 'second.png',
        url: expect.stringMatching(`^/files/${rawId(newest.id)}/preview\\?token=`),
      });
      const served = await fetchPath((byTitle['Thumbnail ticket'] as { url: string }).url);
      expect(await sharp(served.bytes).metadata()).toMatchObject({ format: 'webp', width: 20, height: 10 });
    }
    // The seller reads neither ticket: no thumbnail reaches them.
    const sellers = await t.ok(`query { tickets(first: 10, filter: { search: "humbnail" }) { nodes { thumbnail { url } } } }`, {}, s.seller.token);
    expect(sellers.tickets.nodes).toEqual([]);
    // A removed image is no longer the thumbnail.
    await t.ok(
      `mutation ($input: DeleteAttachmentInput!) { deleteAttachment(input: $input) { deletedAttachmentId } }`,
      { input: { id: newest.id } },
      s.designer.token,
    );
    const after = await t.ok(`query ($id: ID!) { ticket(id: $id) { thumbnail { fileName } } }`, { id: ticket.id }, s.marketer.token);
    expect(after.ticket.thumbnail).toEqual({ fileName: 'first.png' });
  });
});
