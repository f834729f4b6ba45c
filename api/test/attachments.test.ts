// Attachments end to end over HTTP: multipart uploads (the GraphQL multipart request spec), validation before
// anything is kept, versions, the pipeline's history and notifications, and GET /files/<id> with its
// authorization, headers and ranges — on local disk and on a fake S3 (s3rver) on loopback.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { decodeJwt } from 'jose';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLinkSigner } from '../src/auth/file-links.ts';
import { MAX_VERSIONS_PER_FILE } from '../src/domain/attachments.ts';
import { MULTIPART_ALLOWANCE_BYTES } from '../src/http/upload-limit.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { docx, elf, pdf, png, SVG } from './support/files.ts';
import { rawId, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';
import { multipart, type Part, UPLOAD, upload, uploadOk } from './support/uploads.ts';

const MAX_BYTES = 100_000;

async function download(t: TestApp, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, t.url), { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The sign-in session of a signed-in person, as a download link names it. */
function sessionOf(person: { token: string; id: string }) {
  return { userId: person.id, sessionId: decodeJwt(person.token).sid as string };
}

async function rowCount(t: TestApp, ticketId: string) {
  return t.db.prisma.attachment.count({ where: { ticketId: rawId(ticketId) } });
}

type Backend = { name: string; env: () => Record<string, string>; storedObjects: () => Promise<number>; close?: () => Promise<void> };

async function localBackend(): Promise<Backend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'attachments-test-'));
  const storedObjects = async () => {
    const entries = await readdir(join(dataDir, 'uploads'), { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isFile()).length;
  };
  return { name: 'local disk', env: () => ({ DATA_DIR: dataDir }), storedObjects, close: () => rm(dataDir, { recursive: true, force: true }) };
}

async function s3Backend(): Promise<Backend> {
  const directory = await mkdtemp(join(tmpdir(), 'attachments-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'attachments-test', configs: [] }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  return {
    name: 'fake S3',
    env: () => ({
      S3_BUCKET: 'attachments-test',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    }),
    storedObjects: async () => (await client.send(new ListObjectsV2Command({ Bucket: 'attachments-test' }))).KeyCount ?? 0,
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['local disk', localBackend],
  ['fake S3', s3Backend],
])('attachments on %s', (_name, makeBackend) => {
  let t: TestApp;
  let s: Sessions;
  let backend: Backend;

  beforeAll(async () => {
    backend = await makeBackend();
    t = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(MAX_BYTES), ...backend.env() } });
    s = await signInEveryone(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await backend?.close?.();
  });

  it('uploads a PNG, a PDF and a DOCX and downloads them byte-identical, with the type decided from the content', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const files = [
      { name: 'hero.png', bytes: png(3, 2), mime: 'image/png', disposition: 'inline' },
      { name: 'brief.pdf', bytes: pdf(), mime: 'application/pdf', disposition: 'inline' },
      // The client's header says text; the content says DOCX, and the content decides.
      {
        name: 'copy deck.docx',
        bytes: docx(),
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        disposition: 'attachment',
        type: 'text/plain',
      },
    ];
    for (const file of files) {
      const attachment = await uploadOk(t, s.designer.token, ticket.id, { name: file.name, bytes: file.bytes, type: file.type });
      expect(attachment).toMatchObject({ fileName: file.name, mimeType: file.mime, size: file.bytes.length, version: 1, uploader: { username: 'designer' } });
      if (file.mime === 'image/png') expect(attachment).toMatchObject({ width: 3, height: 2 });
      else expect(attachment).toMatchObject({ width: null, height: null });

      // The signed url works without a header (an <img>); the bearer token works without the signature.
      const signed = await download(t, attachment.url);
      expect(signed.status).toBe(200);
      expect(signed.bytes.equals(file.bytes)).toBe(true);
      expect(signed.headers.get('content-type')).toBe(file.mime);
      expect(signed.headers.get('content-disposition')).toMatch(new RegExp(`^${file.disposition}; filename=`));
      expect(signed.headers.get('x-content-type-options')).toBe('nosniff');
      const bare = `/files/${rawId(attachment.id)}`;
      const withBearer = await download(t, bare, { authorization: `Bearer ${s.marketer.token}` });
      expect(withBearer.status).toBe(200);
      expect(withBearer.bytes.equals(file.bytes)).toBe(true);
    }
    const listed = await t.ok(`query ($id: ID!) { ticket(id: $id) { attachments { fileName } } }`, { id: ticket.id }, s.marketer.token);
    expect(listed.ticket.attachments.map((entry: { fileName: string }) => entry.fileName)).toEqual(['hero.png', 'brief.pdf', 'copy deck.docx']);
  });

  it('refuses an executable named x.png, an SVG, an oversize file and a path-like name, keeping no file and no row', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const objectsBefore = await backend.storedObjects();
    const refused: Part[] = [
      { name: 'x.png', bytes: elf(), type: 'image/png' },
      { name: 'logo.svg', bytes: SVG, type: 'image/svg+xml' },
      { name: 'logo.png', bytes: `<?xml version="1.0"?>${SVG}`, type: 'image/png' },
      { name: 'page.txt', bytes: '<!doctype html><html><body><script>alert(1)</script></body></html>', type: 'text/plain' },
      // A path-like name is refused as sent (the multipart reader keeps the whole name, not its last segment).
      { name: '../../etc/passwd', bytes: 'not a password file\n', type: 'text/plain' },
      { name: '..\\..\\windows\\win.ini', bytes: 'not an ini file\n', type: 'text/plain' },
      // A name that hides its real extension.
      { name: 'invoice\u202egnp.exe', bytes: 'MZ', type: 'image/png' },
      { name: 'big.png', bytes: Buffer.concat([png(), Buffer.alloc(MAX_BYTES)]), type: 'image/png' },
    ];
    for (const file of refused) {
      const { body } = await upload(t, s.designer.token, ticket.id, file);
      expect(errorCodes(body), file.name).toEqual(['BAD_USER_INPUT']);
    }
    expect(await rowCount(t, ticket.id)).toBe(0);
    expect(await backend.storedObjects()).toBe(objectsBefore);
  });
});

describe('attachments: rules, versions, limits and links (local disk)', () => {
  let t: TestApp;
  let s: Sessions;
  let backend: Backend;

  beforeAll(async () => {
    backend = await localBackend();
    t = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(MAX_BYTES), ...backend.env() } });
    s = await signInEveryone(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await backend?.close?.();
  });

  /**
   * Starts a multipart upload that declares `declared` bytes (none: chunked), sends `sent` bytes of it and
   * never the rest, then waits for the answer: only an answer given before the body ended can arrive.
   */
  function partialUpload(declared: number | undefined, sent: number, token: string): Promise<{ status: number; body: string; bytesWritten: number }> {
    const boundary = 'x-boundary-123';
    const operations = JSON.stringify({ query: UPLOAD, variables: { input: { ticketId: 'VGlja2V0OjA=', file: null } } });
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.input.file"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const target = new URL(t.url);
    return new Promise((resolve, reject) => {
      const req = request({
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...(declared === undefined ? {} : { 'content-length': String(declared) }),
          authorization: `Bearer ${token}`,
          'x-graphql-yoga-csrf': '1',
        },
      });
      let bytesWritten = 0;
      req.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body, bytesWritten });
          req.destroy();
        });
      });
      req.on('error', (error) => (bytesWritten >= sent ? undefined : reject(error)));
      req.write(head);
      bytesWritten = head.length;
      // Everything but the rest of the body, which is never sent: only an answer before it ends the wait.
      const chunk = Buffer.alloc(8 * 1024, 0x41);
      while (bytesWritten + chunk.length <= sent) {
        req.write(chunk);
        bytesWritten += chunk.length;
      }
    });
  }

  it('refuses an upload declared over the limit before reading its body', async () => {
    const answer = await partialUpload(50 * MAX_BYTES, 16 * 1024, s.designer.token);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.bytesWritten).toBeLessThan(50 * MAX_BYTES);
  });

  it('counts a chunked upload while it streams and cuts it off past the limit, before it ends', async () => {
    const answer = await partialUpload(undefined, MAX_BYTES + MULTIPART_ALLOWANCE_BYTES + 40_000, s.designer.token);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('holds the file itself to the limit, within the room left for the form around it', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const { body } = await upload(t, s.designer.token, ticket.id, { name: 'notes.txt', bytes: 'a'.repeat(MAX_BYTES + 1) });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toBe('This file is too large: files up to 97.7 KB can be attached.');
    expect(await rowCount(t, ticket.id)).toBe(0);
  });

  it('publishes its limit and kinds of file (attachmentRules), and names a refused kind by its ending', async () => {
    const { attachmentRules } = await t.ok('{ attachmentRules { maxBytes maxSize accepted { label extensions } } }', {}, s.marketer.token);
    expect(attachmentRules.maxBytes).toBe(MAX_BYTES);
    expect(attachmentRules.maxSize).toBe('97.7 KB');
    expect(attachmentRules.accepted).toContainEqual({ label: 'JPEG', extensions: ['jpg', 'jpeg'] });
    expect(attachmentRules.accepted.at(-1)).toEqual({ label: 'plain text', extensions: ['txt', 'csv', 'md'] });

    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const { body } = await upload(t, s.designer.token, ticket.id, { name: 'setup.EXE', bytes: elf(), type: 'application/x-msdownload' });
    expect(body.errors?.[0]?.message).toBe(
      "This kind of file isn't accepted: .exe. Attach PNG, JPEG, GIF, WebP, PDF, DOCX, XLSX, PPTX, MP4, MOV or plain text.",
    );
  });

  it('gives the second upload of a name version 2 and keeps both listed', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const first = await uploadOk(t, s.designer.token, ticket.id, { name: 'proof.png', bytes: png(4, 4) });
    const second = await uploadOk(t, s.designer.token, ticket.id, { name: 'proof.png', bytes: png(8, 8) });
    const other = await uploadOk(t, s.designer.token, ticket.id, { name: 'other.png', bytes: png(4, 4) });
    expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
    const listed = await t.ok(`query ($id: ID!) { ticket(id: $id) { attachments { fileName version width } } }`, { id: ticket.id }, s.marketer.token);
    expect(listed.ticket.attachments).toEqual([
      { fileName: 'proof.png', version: 1, width: 4 },
      { fileName: 'proof.png', version: 2, width: 8 },
      { fileName: 'other.png', version: 1, width: 4 },
    ]);
  });

  it(`takes ${MAX_VERSIONS_PER_FILE} versions of a name and refuses more (BAD_USER_INPUT), even when the last ones are uploaded at once`, async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const seeded = MAX_VERSIONS_PER_FILE - 2;
    await t.db.prisma.attachment.createMany({
      data: Array.from({ length: seeded }, (_, index) => ({
        ticketId: rawId(ticket.id),
        uploaderId: s.designer.id,
        fileName: 'round.png',
        mimeType: 'image/png',
        size: 1,
        sha256: 'f'.repeat(64),
        storageKey: 'f'.repeat(64),
        version: index + 1,
      })),
    });
    const answers = await Promise.all(
      [5, 6, 7, 8].map((side) => upload(t, s.designer.token, ticket.id, { name: 'round.png', bytes: png(side, side), type: 'image/png' })),
    );
    expect(answers.map(({ body }) => (body.errors ? errorCodes(body).join() : 'created')).sort()).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'created',
      'created',
    ]);
    expect(answers.find(({ body }) => body.errors)?.body.errors?.[0]?.message).toContain(`${MAX_VERSIONS_PER_FILE} versions`);
    const versions = await t.db.prisma.attachment.findMany({ where: { ticketId: rawId(ticket.id) }, select: { version: true }, orderBy: { version: 'asc' } });
    expect(versions.map(({ version }) => version)).toEqual(Array.from({ length: MAX_VERSIONS_PER_FILE }, (_, index) => index + 1));
    // Another name on the same ticket is not limited by it.
    expect((await uploadOk(t, s.designer.token, ticket.id, { name: 'other-round.png', bytes: png(4, 4) })).version).toBe(1);
  });

  it("takes the multipart spec's single-file, multiple-file and one-file-for-two-variables shapes", async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const two = `mutation ($a: UploadAttachmentInput!, $b: UploadAttachmentInput!) {
      a: uploadAttachment(input: $a) { attachment { fileName version } }
      b: uploadAttachment(input: $b) { attachment { fileName version } } }`;
    const many = await multipart(
      t,
      s.designer.token,
      { query: two, variables: { a: { ticketId: ticket.id, file: null }, b: { ticketId: ticket.id, file: null } } },
      { 0: ['variables.a.file'], 1: ['variables.b.file'] },
      [
        { name: 'one.txt', bytes: 'first file\n' },
        { name: 'two.pdf', bytes: pdf() },
      ],
    );
    expect(many.body.errors).toBeUndefined();
    expect(many.body.data).toEqual({ a: { attachment: { fileName: 'one.txt', version: 1 } }, b: { attachment: { fileName: 'two.pdf', version: 1 } } });

    const shared = await multipart(
      t,
      s.designer.token,
      { query: two, variables: { a: { ticketId: ticket.id, file: null }, b: { ticketId: ticket.id, file: null } } },
      { 0: ['variables.a.file', 'variables.b.file'] },
      [{ name: 'one.txt', bytes: 'second round\n' }],
    );
    expect(shared.body.errors).toBeUndefined();
    const versions = [
      (shared.body.data as Record<string, { attachment: { version: number } }>).a?.attachment.version,
      (shared.body.data as Record<string, { attachment: { version: number } }>).b?.attachment.version,
    ].sort();
    expect(versions).toEqual([2, 3]);
    const text = await t.ok(`query ($id: ID!) { ticket(id: $id) { attachments { mimeType fileName } } }`, { id: ticket.id }, s.designer.token);
    expect(text.ticket.attachments[0]).toEqual({ mimeType: 'text/plain', fileName: 'one.txt' });
  });

  it('refuses a multipart request without the CSRF-prevention header', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const { status, body } = await upload(t, s.designer.token, ticket.id, { name: 'a.pdf', bytes: pdf() }, {});
    expect(status).toBe(403);
    expect(body.errors?.[0]?.message).toMatch(/x-graphql-yoga-csrf/);
    expect(await rowCount(t, ticket.id)).toBe(0);
  });

  it('answers NOT_FOUND on upload, removal and download to a user who may not read the ticket', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const objectsBefore = await backend.storedObjects();
    const { body } = await upload(t, s.seller.token, ticket.id, { name: 'sneaky.pdf', bytes: Buffer.concat([pdf(), Buffer.from('%unique-seller')]) });
    // A ticket you may not read does not exist to you: the same answer as for a ticket that does not exist.
    expect(errorCodes(body)).toEqual(['NOT_FOUND']);
    expect(body.errors?.[0]?.message).toBe('Ticket not found.');
    expect(await rowCount(t, ticket.id)).toBe(0);
    expect(await backend.storedObjects()).toBe(objectsBefore);

    const attachment = await uploadOk(t, s.designer.token, ticket.id, { name: 'brief.pdf', bytes: pdf() });
    const removal = await t.gql(
      'mutation ($input: DeleteAttachmentInput!) { deleteAttachment(input: $input) { deletedAttachmentId } }',
      { input: { id: attachment.id } },
      s.seller.token,
    );
    expect(errorCodes(removal)).toEqual(['NOT_FOUND']);
    expect(removal.errors?.[0]?.message).toBe('Ticket not found.');
    const path = `/files/${rawId(attachment.id)}`;
    expect((await download(t, path, { authorization: `Bearer ${s.seller.token}` })).status).toBe(404);
    expect((await download(t, `/files/${crypto.randomUUID()}`, { authorization: `Bearer ${s.admin.token}` })).status).toBe(404);
    expect((await download(t, path)).status).toBe(401);
    // A link made for someone else names its user: the seller holding it still may not read the ticket.
    const sellersLink = await createFileLinkSigner('test-secret-that-is-long-enough-for-hs256-0123456789', 900).sign(rawId(attachment.id), sessionOf(s.seller));
    expect((await download(t, `${path}?token=${sellersLink}`)).status).toBe(404);
  });

  it('refuses an expired signed link and a link to another attachment', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const attachment = await uploadOk(t, s.designer.token, ticket.id, { name: 'brief.pdf', bytes: pdf() });
    const other = await uploadOk(t, s.designer.token, ticket.id, { name: 'hero.png', bytes: png() });
    const signer = createFileLinkSigner('test-secret-that-is-long-enough-for-hs256-0123456789', 900);
    const expired = await signer.sign(rawId(attachment.id), sessionOf(s.designer), new Date(Date.now() - 3 * 3600_000));
    const path = `/files/${rawId(attachment.id)}`;
    const refused = await download(t, `${path}?token=${expired}`);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.bytes.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const otherToken = new URL(other.url, t.url).searchParams.get('token');
    expect((await download(t, `${path}?token=${otherToken}`)).status).toBe(401);
    expect((await download(t, attachment.url)).status).toBe(200);
  });

  it('serves byte ranges, for video players', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const text = 'The quick brown fox jumps over the lazy dog.\n';
    const attachment = await uploadOk(t, s.designer.token, ticket.id, { name: 'notes.txt', bytes: text });
    const part = await download(t, attachment.url, { range: 'bytes=4-8' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe('quick');
    expect(part.headers.get('content-range')).toBe(`bytes 4-8/${text.length}`);
    const tail = await download(t, attachment.url, { range: 'bytes=-5' });
    expect(tail.bytes.toString()).toBe('dog.\n');
    const outside = await download(t, attachment.url, { range: `bytes=${text.length}-` });
    expect(outside.status).toBe(416);
    const whole = await download(t, attachment.url);
    expect(whole.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(whole.headers.get('content-disposition')).toBe('attachment; filename=notes.txt');
    expect(whole.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'self'; sandbox");
    // The app's PDF preview frames a file; nobody else may (every other answer says DENY).
    expect(whole.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('records uploads and removals in the history, notifies participants, and removes only where allowed', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const attachment = await uploadOk(t, s.designer.token, ticket.id, { name: 'draft.png', bytes: png(5, 5) });
    expect(attachment.viewerCanDelete).toBe(true);
    const asRequester = await t.ok(
      `query ($id: ID!) { ticket(id: $id) { availableActions attachments { viewerCanDelete } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    expect(asRequester.ticket.availableActions).toContain('ATTACH');
    expect(asRequester.ticket.attachments).toEqual([{ viewerCanDelete: false }]);
    const notified = await t.ok(`{ notifications(first: 5) { nodes { kind title } } }`, undefined, s.marketer.token);
    expect(notified.notifications.nodes[0]).toEqual({ kind: 'ATTACHMENT_ADDED', title: `draft.png attached to #${ticket.number}` });

    const remove = `mutation ($input: DeleteAttachmentInput!) { deleteAttachment(input: $input) { deletedAttachmentId } }`;
    expect(errorCodes(await t.gql(remove, { input: { id: attachment.id } }, s.marketer.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(remove, { input: { id: attachment.id } }, s.seller.token))).toEqual(['NOT_FOUND']);
    const removed = await t.ok(remove, { input: { id: attachment.id } }, s.designer.token);
    expect(removed.deleteAttachment.deletedAttachmentId).toBe(attachment.id);

    const after = await t.ok(
      `query ($id: ID!) { ticket(id: $id) { attachments { id } history(first: 2) { nodes { action actor { username } changes { field from to } } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    expect(after.ticket.attachments).toEqual([]);
    expect(after.ticket.history.nodes).toEqual([
      { action: 'ATTACHMENT_REMOVED', actor: { username: 'designer' }, changes: [{ field: 'attachments', from: 'draft.png', to: null }] },
      { action: 'ATTACHMENT_ADDED', actor: { username: 'designer' }, changes: [{ field: 'attachments', from: null, to: 'draft.png' }] },
    ]);
    // A soft delete: the row and its bytes stay for the record, but the file is no longer served.
    expect(await rowCount(t, ticket.id)).toBe(1);
    expect((await download(t, attachment.url)).status).toBe(404);
    const events = await t.db.prisma.activityLog.findMany({
      where: { ticketId: rawId(ticket.id) },
      orderBy: { id: 'desc' },
      take: 2,
      select: { eventType: true },
    });
    expect(events.map((event) => event.eventType)).toEqual(['ATTACHMENT_REMOVED', 'ATTACHMENT_ADDED']);
  });

  it('frees the bytes of a purged ticket that nothing else refers to, and keeps shared ones', async () => {
    const kept = await ticketAt(t, s, 'IN_PROGRESS');
    const purged = await ticketAt(t, s, 'IN_PROGRESS');
    const shared = Buffer.concat([pdf(), Buffer.from('%shared')]);
    const own = Buffer.concat([pdf(), Buffer.from('%own')]);
    await uploadOk(t, s.designer.token, kept.id, { name: 'shared.pdf', bytes: shared });
    await uploadOk(t, s.designer.token, purged.id, { name: 'shared.pdf', bytes: shared });
    await uploadOk(t, s.designer.token, purged.id, { name: 'own.pdf', bytes: own });
    const before = await backend.storedObjects();
    await t.ok(`mutation ($input: DeleteTicketInput!) { deleteTicket(input: $input) { ticket { id } } }`, { input: { id: purged.id } }, s.admin.token);
    await t.ok(`mutation ($input: PurgeTicketInput!) { purgeTicket(input: $input) { purgedTicketId } }`, { input: { id: purged.id } }, s.admin.token);
    expect(await backend.storedObjects()).toBe(before - 1);
    const stillThere = await t.ok(`query ($id: ID!) { ticket(id: $id) { attachments { url } } }`, { id: kept.id }, s.designer.token);
    const served = await download(t, stillThere.ticket.attachments[0].url);
    expect(served.bytes.equals(shared)).toBe(true);
  });
});
