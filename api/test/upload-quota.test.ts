// Upload byte quotas: what one user may upload in any 24 hours and what one ticket may hold, summed from the
// recorded sizes before anything is stored; past either, QUOTA_EXCEEDED names the quota, its value and what
// is already used, and nothing is kept.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { png } from './support/files.ts';
import { rawId, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';
import { upload, uploadOk } from './support/uploads.ts';

const PER_USER = 30_000;
const PER_TICKET = 20_000;
let t: TestApp;
let s: Sessions;
let dataDir: string;

/** A PNG of exactly `size` bytes (a valid image followed by padding). */
function pngOf(size: number): Buffer {
  const image = png(4, 4);
  return Buffer.concat([image, Buffer.alloc(size - image.length)]);
}

async function storedFiles(): Promise<number> {
  const entries = await readdir(join(dataDir, 'uploads'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'upload-quota-test-'));
  t = await startTestApp({
    env: {
      DATA_DIR: dataDir,
      UPLOAD_MAX_BYTES: '100000',
      UPLOAD_QUOTA_BYTES_PER_USER_PER_DAY: String(PER_USER),
      UPLOAD_QUOTA_BYTES_PER_TICKET: String(PER_TICKET),
    },
  });
  s = await signInEveryone(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('upload quotas', () => {
  it('a ticket holds at most UPLOAD_QUOTA_BYTES_PER_TICKET; a refused file is not stored', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    await uploadOk(t, s.designer.token, ticket.id, { name: 'a.png', bytes: pngOf(12_000) });
    const stored = await storedFiles();
    const refused = await upload(t, s.designer.token, ticket.id, { name: 'b.png', bytes: pngOf(12_001) });
    expect(errorCodes(refused.body)).toEqual(['QUOTA_EXCEEDED']);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ limit: 'uploadBytesPerTicket', max: PER_TICKET, used: 12_000, field: 'file' });
    expect(await storedFiles()).toBe(stored);
    expect(await t.db.prisma.attachment.count({ where: { ticketId: rawId(ticket.id) } })).toBe(1);
    // What still fits goes through, from anyone who may attach.
    await uploadOk(t, s.marketer.token, ticket.id, { name: 'c.png', bytes: pngOf(8_000) });
    // A deleted attachment's bytes stay for the history, so they still count.
    const [first] = await t.db.prisma.attachment.findMany({ where: { ticketId: rawId(ticket.id) }, orderBy: { createdAt: 'asc' } });
    await t.db.prisma.attachment.update({ where: { id: first!.id }, data: { deletedAt: new Date() } });
    expect(errorCodes((await upload(t, s.designer.token, ticket.id, { name: 'd.png', bytes: pngOf(1_000) })).body)).toEqual(['QUOTA_EXCEEDED']);
  });

  it('a user uploads at most UPLOAD_QUOTA_BYTES_PER_USER_PER_DAY in any 24 hours, across tickets', async () => {
    // The designer has 12,000 bytes from the first test; 12,000 more on another ticket fit (24,000).
    const second = await ticketAt(t, s, 'IN_PROGRESS');
    await uploadOk(t, s.designer.token, second.id, { name: 'e.png', bytes: pngOf(12_000) });
    const third = await ticketAt(t, s, 'IN_PROGRESS');
    const refused = await upload(t, s.designer.token, third.id, { name: 'f.png', bytes: pngOf(6_001) });
    expect(errorCodes(refused.body)).toEqual(['QUOTA_EXCEEDED']);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ limit: 'uploadBytesPerUserPerDay', max: PER_USER, used: 24_000 });
    // Another user's quota is their own.
    await uploadOk(t, s.marketer.token, third.id, { name: 'g.png', bytes: pngOf(6_001) });
    // A day later the designer's earlier uploads no longer count.
    const designerId = rawId(s.designer.globalId);
    await t.db.prisma.attachment.updateMany({ where: { uploaderId: designerId }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    await uploadOk(t, s.designer.token, third.id, { name: 'f.png', bytes: pngOf(6_001) });
  });
});
