// The deadline scheduler against a real database (PGlite, or PostgreSQL with DATABASE_URL): each notice once,
// however many passes and instances; a moved due date is due again; deadlines older than the catch-up window
// are left alone; a backlog goes out in pages of a fixed number of statements; a pass with nothing to send is
// one statement. (telegram-chat.test.ts follows the same notices through the app and the Telegram group.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dueNotice } from '../src/domain/deadline-notices.ts';
import { createLogger } from '../src/logger.ts';
import { createDeadlineScheduler } from '../src/notifications/deadline-scheduler.ts';
import { seedDemoAccounts } from '../src/seed/demo.ts';
import type { CommittedEffects } from '../src/services/ticket-changes.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

const HOUR = 3600_000;
const LEAD = 24 * HOUR;
const CATCH_UP = 24 * HOUR;

let db: TestDatabase;
let statements: string[] = [];
let people: Record<'designer' | 'designer2' | 'marketer' | 'admin', string>;
let marketing: string;
let pushed: CommittedEffects['notifications'];

const logger = createLogger('silent');
const scheduler = (options: { pageSize?: number } = {}) =>
  createDeadlineScheduler({
    prisma: db.prisma,
    sink: (effects) => pushed.push(...effects.notifications),
    logger,
    reminderLeadMs: LEAD,
    catchUpMs: CATCH_UP,
    ...options,
  });

beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (sql) => statements.push(sql) });
  await seedDemoAccounts(db.prisma, { password: 'demo-password' });
  const users = await db.prisma.user.findMany({ select: { id: true, username: true, departmentId: true } });
  const id = (username: string) => users.find((user) => user.username === username)?.id ?? '';
  people = { designer: id('designer'), designer2: id('designer2'), marketer: id('marketer'), admin: id('admin') };
  marketing = users.find((user) => user.username === 'marketer')?.departmentId ?? '';
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await db.prisma.$executeRawUnsafe('TRUNCATE "Ticket", "Notification", "NotificationOutbox" CASCADE');
  pushed = [];
});

type Shape = { dueDate: Date | null; status?: 'IN_PROGRESS' | 'REQUESTED' | 'COMPLETED' | 'CLOSED'; deletedAt?: Date | null; assigned?: boolean };

async function makeTickets(shapes: readonly Shape[]): Promise<string[]> {
  const rows = await db.prisma.ticket.createManyAndReturn({
    data: shapes.map((shape, index) => ({
      title: `Due ${index}`,
      requesterId: people.marketer,
      departmentId: marketing,
      status: shape.status ?? 'IN_PROGRESS',
      dueDate: shape.dueDate,
      deletedAt: shape.deletedAt ?? null,
      assigneeId: shape.assigned === false ? null : people.designer,
    })),
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

const notices = (ticketId: string, kind: 'DEADLINE_REMINDER' | 'TICKET_OVERDUE') =>
  db.prisma.notification.findMany({ where: { ticketId, kind }, select: { recipientId: true } }).then((rows) => rows.map((row) => row.recipientId).sort());

/** Statements sent while `work` runs. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  statements = [];
  const result = await work();
  return { result, statements: [...statements] };
}

describe('deadline reminders', () => {
  it('send each notice once, to the makers first and the requester once it is late, and again for a moved due date', async () => {
    const now = new Date();
    const dueDate = new Date(now.getTime() + 3 * HOUR);
    const [id = ''] = await makeTickets([{ dueDate }]);
    await db.prisma.ticketCollaborator.create({ data: { ticketId: id, userId: people.designer2 } });
    const deadlines = scheduler();

    expect(await deadlines.runOnce(now)).toBe(1);
    expect(await deadlines.runOnce(now)).toBe(0);
    expect(await deadlines.runOnce(new Date(now.getTime() + HOUR))).toBe(0);
    expect(await notices(id, 'DEADLINE_REMINDER')).toEqual([people.designer, people.designer2].sort());
    const reminder = await db.prisma.notification.findFirstOrThrow({ where: { ticketId: id, kind: 'DEADLINE_REMINDER' } });
    expect(reminder.title).toMatch(/^#\d+ is due in 3 h: Due 0$/);
    expect(reminder.body).toBe(`Due ${dueDate.toISOString()}`);
    // Pushed live after commit, one per notification written.
    expect(pushed.map((entry) => entry.recipientId).sort()).toEqual([people.designer, people.designer2].sort());
    const [group, ...more] = await db.prisma.notificationOutbox.findMany({ where: { ticketId: id, channel: 'TELEGRAM_GROUP' } });
    expect(more).toHaveLength(0);
    expect((group?.payload as { mentionUserIds: string[] } | undefined)?.mentionUserIds.sort()).toEqual([people.designer, people.designer2].sort());

    const late = new Date(dueDate.getTime() + 60_000);
    expect(await deadlines.runOnce(late)).toBe(1);
    expect(await deadlines.runOnce(new Date(late.getTime() + HOUR))).toBe(0);
    expect(await notices(id, 'TICKET_OVERDUE')).toEqual([people.designer, people.designer2, people.marketer].sort());

    // A new due date is a new key: both notices are due again, once each.
    const moved = new Date(late.getTime() + 5 * HOUR);
    await db.prisma.ticket.update({ where: { id }, data: { dueDate: moved } });
    expect(await deadlines.runOnce(late)).toBe(1);
    expect(await deadlines.runOnce(late)).toBe(0);
    expect(await deadlines.runOnce(new Date(moved.getTime() + 1000))).toBe(1);
    expect((await notices(id, 'DEADLINE_REMINDER')).length).toBe(4);
    expect((await notices(id, 'TICKET_OVERDUE')).length).toBe(6);
    expect(await db.prisma.notificationOutbox.count({ where: { ticketId: id, channel: 'TELEGRAM_GROUP' } })).toBe(4);
  });

  it('reminds the requester while nobody is assigned', async () => {
    const now = new Date();
    const [id = ''] = await makeTickets([{ dueDate: new Date(now.getTime() + HOUR), assigned: false }]);
    expect(await scheduler().runOnce(now)).toBe(1);
    expect(await notices(id, 'DEADLINE_REMINDER')).toEqual([people.marketer]);
  });

  it('leave deadlines that passed before the catch-up window alone, and pick exactly what dueNotice says', async () => {
    const now = new Date();
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
    const shapes: Shape[] = [
      { dueDate: at(-24 * 30) }, // a month overdue: old news on a restored database
      { dueDate: at(-25) },
      { dueDate: new Date(now.getTime() - CATCH_UP) }, // exactly at the window's edge: outside
      { dueDate: at(-23) },
      { dueDate: now }, // due this instant: overdue
      { dueDate: at(2) },
      { dueDate: new Date(now.getTime() + LEAD) }, // the reminder's first instant
      { dueDate: at(25) }, // not yet
      { dueDate: null },
      { dueDate: at(-1), status: 'COMPLETED' },
      { dueDate: at(1), status: 'CLOSED' },
      { dueDate: at(-1), deletedAt: at(-2) },
      { dueDate: at(1), status: 'REQUESTED' },
    ];
    const ids = await makeTickets(shapes);
    expect(await scheduler().runOnce(now)).toBe(5);
    const claimed = await db.prisma.deadlineNotice.findMany({ select: { ticketId: true, kind: true } });
    const kindOf = new Map(claimed.map((notice) => [notice.ticketId, notice.kind]));
    const expected = shapes.map((shape) =>
      dueNotice({ status: shape.status ?? 'IN_PROGRESS', dueDate: shape.dueDate, deletedAt: shape.deletedAt ?? null }, now, LEAD, CATCH_UP),
    );
    expect(ids.map((id) => kindOf.get(id) ?? null)).toEqual(expected);
    expect(expected).toEqual([
      null,
      null,
      null,
      'TICKET_OVERDUE',
      'TICKET_OVERDUE',
      'DEADLINE_REMINDER',
      'DEADLINE_REMINDER',
      null,
      null,
      null,
      null,
      null,
      'DEADLINE_REMINDER',
    ]);
  });

  it('work through a backlog in pages of a fixed number of statements, and a pass with nothing to send is one statement', async () => {
    const now = new Date();
    const count = 450;
    const pageSize = 200;
    await makeTickets(Array.from({ length: count }, (_, index) => ({ dueDate: new Date(now.getTime() - HOUR + index * 1000) })));
    const deadlines = scheduler({ pageSize });

    const backlog = await counted(() => deadlines.runOnce(now));
    expect(backlog.result).toBe(count);
    expect(await db.prisma.notification.count({ where: { kind: 'TICKET_OVERDUE' } })).toBe(count * 2); // the designer and the requester
    expect(await db.prisma.notificationOutbox.count({ where: { kind: 'TICKET_OVERDUE', channel: 'TELEGRAM_GROUP' } })).toBe(count);
    expect(pushed).toHaveLength(count * 2);
    // Per page: the page, then one transaction: the claims, the recipients, the notifications, the group
    // messages (no one here asked for direct messages), and the COMMIT as the driver reports it.
    const pages = Math.ceil(count / pageSize);
    expect(backlog.statements.length % pages).toBe(0);
    const perPage = backlog.statements.length / pages;
    expect(perPage).toBeLessThanOrEqual(7);
    const fewer = await db.prisma.deadlineNotice.deleteMany({
      where: { ticketId: { in: (await db.prisma.ticket.findMany({ take: 10, select: { id: true } })).map((row) => row.id) } },
    });
    expect(fewer.count).toBe(10);
    const small = await counted(() => deadlines.runOnce(now));
    expect(small.result).toBe(10);
    // The same statements for 10 tickets as for a page of 200: the cost is per page, not per ticket.
    expect(small.statements.length).toBe(perPage);

    const idle = await counted(() => deadlines.runOnce(now));
    expect(idle.result).toBe(0);
    expect(idle.statements).toHaveLength(1);
  });

  it('send each notice once when two instances run their passes at the same time', async () => {
    const now = new Date();
    const count = 300;
    await makeTickets(Array.from({ length: count }, (_, index) => ({ dueDate: new Date(now.getTime() - HOUR + index * 1000) })));
    const [first, second] = await Promise.all([scheduler({ pageSize: 50 }).runOnce(now), scheduler({ pageSize: 50 }).runOnce(now)]);
    expect((first ?? 0) + (second ?? 0)).toBe(count);
    expect(await db.prisma.deadlineNotice.count()).toBe(count);
    expect(await db.prisma.notification.count({ where: { kind: 'TICKET_OVERDUE' } })).toBe(count * 2);
    expect(await db.prisma.notificationOutbox.count({ where: { kind: 'TICKET_OVERDUE', channel: 'TELEGRAM_GROUP' } })).toBe(count);
  });
});
