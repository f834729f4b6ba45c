// The demo template (seeded at install) adopted by a new data directory: every time moves forward by the time
// since the template was seeded — columns and the ISO times quoted in history, notifications and the outbox —
// once; the demo accounts take the configured password.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { openPGlite } from '../db/pglite.ts';
import { buildPGliteTemplate } from '../db/pglite-template.ts';
import { adoptDemoTemplate, seedDemoTemplate } from './demo-template.ts';

const DAY = 86_400_000;
const TEMPLATE_PASSWORD = 'template-password';

let root: string;
let templateDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'demo-template-test-'));
  templateDir = path.join(root, 'template');
  await buildPGliteTemplate(templateDir, { prepare: (pglite) => seedDemoTemplate(pglite, { password: TEMPLATE_PASSWORD }) });
}, 240_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function copyOfTemplate(name: string): Promise<{ pglite: PGlite; db: Database }> {
  const pglite = await openPGlite(path.join(root, name), { templateDir });
  return { pglite, db: await openDatabase({ kind: 'pglite', pglite }) };
}

/** Every time the demo data holds, in one comparable list. */
async function times(pglite: PGlite): Promise<{ columns: number[]; quoted: string[] }> {
  const tickets = await pglite.query<{ createdAt: Date; dueDate: Date | null; completedAt: Date | null }>(
    'SELECT "createdAt", "dueDate", "completedAt" FROM "Ticket" ORDER BY number',
  );
  const activity = await pglite.query<{ createdAt: Date }>('SELECT "createdAt" FROM "ActivityLog" ORDER BY id');
  const quoted = await pglite.query<{ text: string }>(
    `SELECT snapshot::text || changes::text AS text FROM "TicketHistory" UNION ALL SELECT body FROM "Notification" UNION ALL SELECT payload::text FROM "NotificationOutbox"`,
  );
  const columns = [...tickets.rows.flatMap((row) => [row.createdAt, row.dueDate, row.completedAt]), ...activity.rows.map((row) => row.createdAt)].flatMap(
    (value) => (value ? [value.getTime()] : []),
  );
  const iso = quoted.rows.flatMap((row) => row.text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g) ?? []);
  return { columns, quoted: iso.sort() };
}

describe('adopting the demo template', () => {
  it('moves every time forward by the time since the template was seeded, once', async () => {
    const { pglite, db } = await copyOfTemplate('moved');
    try {
      // As if the template had been seeded ten days before this start.
      await pglite.exec(`UPDATE "juan365_template"."demo" SET "seededAt" = "seededAt" - interval '10 days'`);
      const before = await times(pglite);
      expect(before.columns.length).toBeGreaterThan(100);
      expect(before.quoted.length).toBeGreaterThan(0);

      const adopted = await adoptDemoTemplate(db.prisma, { password: TEMPLATE_PASSWORD });
      expect(adopted?.summary).toContain('seeded demo tickets');

      const after = await times(pglite);
      // Seconds pass between seeding and the update above; every time moves by the same ≈10 days.
      const shifts = after.columns.map((time, index) => time - before.columns[index]!);
      expect(Math.min(...shifts)).toBe(Math.max(...shifts));
      expect(Math.abs(shifts[0]! - 10 * DAY)).toBeLessThan(60_000);
      const quotedShift = Date.parse(after.quoted[0]!) - Date.parse(before.quoted[0]!);
      expect(after.quoted.map((iso) => Date.parse(iso) - quotedShift)).toEqual(before.quoted.map((iso) => Date.parse(iso)));
      expect(quotedShift).toBe(shifts[0]);

      // The dashboard's day counters moved with the tickets (the Ticket triggers saw the shift), 10 days later.
      const days = await pglite.query<{ counted: string; recounted: string }>(
        `SELECT (SELECT string_agg(day || ':' || created || '/' || completed, ',' ORDER BY day)
                 FROM (SELECT day, sum(created) AS created, sum(completed) AS completed FROM "TicketDayCounter" GROUP BY day) c
                 WHERE created <> 0 OR completed <> 0) AS counted,
                (SELECT string_agg(day || ':' || created || '/' || completed, ',' ORDER BY day)
                 FROM (SELECT day, sum(created) AS created, sum(completed) AS completed FROM (
                   SELECT "createdAt"::date AS day, 1 AS created, 0 AS completed FROM "Ticket" WHERE "deletedAt" IS NULL
                   UNION ALL SELECT "completedAt"::date, 0, 1 FROM "Ticket" WHERE "deletedAt" IS NULL AND "completedAt" IS NOT NULL
                 ) e GROUP BY day) r) AS recounted`,
      );
      expect(days.rows[0]?.counted).toBeTruthy();
      expect(days.rows[0]?.counted).toBe(days.rows[0]?.recounted);

      // Adopted once: the mark is gone, a second call changes nothing.
      expect(await adoptDemoTemplate(db.prisma, { password: TEMPLATE_PASSWORD })).toBeNull();
      expect(await times(pglite)).toEqual(after);
    } finally {
      await db.close();
    }
  });

  it('keeps the demo password when it is the configured one, and re-hashes it when DEMO_PASSWORD differs', async () => {
    const same = await copyOfTemplate('same-password');
    try {
      const before = await same.db.prisma.user.findMany({ select: { passwordHash: true } });
      await adoptDemoTemplate(same.db.prisma, { password: TEMPLATE_PASSWORD });
      expect(await same.db.prisma.user.findMany({ select: { passwordHash: true } })).toEqual(before);
    } finally {
      await same.db.close();
    }

    const other = await copyOfTemplate('other-password');
    try {
      await adoptDemoTemplate(other.db.prisma, { password: 'another-password' });
      const admin = await other.db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
      expect(await verifyPassword(admin.passwordHash, 'another-password')).toBe(true);
      expect(await verifyPassword(admin.passwordHash, TEMPLATE_PASSWORD)).toBe(false);
    } finally {
      await other.db.close();
    }
  });

  it('leaves a database that is not a copy of the template alone', async () => {
    const pglite = await openPGlite('memory://');
    const db = await openDatabase({ kind: 'pglite', pglite });
    try {
      expect(await adoptDemoTemplate(db.prisma, { password: TEMPLATE_PASSWORD })).toBeNull();
    } finally {
      await db.close();
    }
  });
});
