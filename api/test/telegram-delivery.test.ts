// The Telegram outbox delivered to a fake Bot API on loopback (real HTTP, grammY pointed at it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../src/db/generated/prisma/client.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { eventually, type FakeTelegram } from './support/fake-telegram.ts';
import { extraWorker, FAST, FRONTEND_URL, GROUP_CHAT_ID, startTelegramTestApp } from './support/telegram-app.ts';
import { createTicket, rawId, type Sessions, signInEveryone, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let fake: FakeTelegram;
let s: Sessions;

beforeAll(async () => {
  // The team's clock is Manila's (UTC+8, no daylight saving): instants in the group's texts are shown in it.
  ({ t, fake } = await startTelegramTestApp({ REPORT_TIMEZONE: 'Asia/Manila' }));
  s = await signInEveryone(t);
  const { prisma } = t.db;
  // Linked accounts are mentioned by id; unlinked ones with a Telegram username by @name.
  await prisma.user.update({ where: { id: s['marketing.manager'].id }, data: { telegramChatId: '7001' } });
  await prisma.user.update({ where: { id: s['creative.manager'].id }, data: { telegramUsername: 'creative_boss' } });
  await prisma.user.update({ where: { id: s.marketer.id }, data: { telegramChatId: '7003' } });
  await prisma.user.update({ where: { id: s.designer.id }, data: { telegramChatId: '7004' } });
  await prisma.user.update({ where: { id: s.designer2.id }, data: { telegramUsername: 'designer_two' } });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const prefs = (userId: string, data: Omit<Prisma.NotificationPreferenceUncheckedCreateInput, 'userId'>) =>
  t.db.prisma.notificationPreference.upsert({ where: { userId }, create: { userId, ...data }, update: data });

/** Waits until the ticket's rows on the channel are delivered; returns them with what Telegram got, in order. */
async function deliveredFor(ticketId: string, channel: 'TELEGRAM_GROUP' | 'TELEGRAM_DM' = 'TELEGRAM_GROUP') {
  const rows = await eventually(async () => {
    const all = await t.db.prisma.notificationOutbox.findMany({ where: { ticketId, channel }, orderBy: { id: 'asc' } });
    return all.every((row) => row.status === 'SENT') && all;
  }, `the ${channel} outbox of ${ticketId} to be delivered`);
  return rows.map((row) => {
    const sends = fake.ok('sendMessage').filter((call) => call.messageId === row.telegramMessageId);
    expect(sends, `row ${row.id} (${row.kind}) was sent once`).toHaveLength(1);
    const body = sends[0]?.body ?? {};
    return { id: row.id, kind: row.kind, recipientId: row.recipientId, chatId: String(body.chat_id), text: String(body.text), body };
  });
}

const tgMention = (id: string) => `<a href="tg://user?id=${id}">`;

describe('each notice kind', () => {
  it('goes once to the right chat, in HTML with escaped text, the right mentions and a link to the ticket', async () => {
    const { prisma } = t.db;
    // The requester gets direct messages but muted "started"; the designer gets them too, but is in quiet hours.
    await prefs(s.marketer.id, { telegramDm: true, mutedKinds: ['TICKET_STARTED'] });
    const nowMinutes = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    await prefs(s.designer.id, { telegramDm: true, quietHoursStart: (nowMinutes + 1380) % 1440, quietHoursEnd: (nowMinutes + 120) % 1440 });

    const created = await createTicket(t, s.marketer.token, { title: 'Banner <b>&</b> "sale"' });
    const id = created.id;
    const n = created.number as number;
    const run = (name: string, inputType: string, input: Record<string, unknown>, who: keyof Sessions) =>
      ticketMutationOk(t, name, inputType, { id, ...input }, s[who].token);
    await run('approveTicket', 'ApproveTicketInput', {}, 'marketing.manager');
    await run('approveTicket', 'ApproveTicketInput', {}, 'creative.manager');
    await run('assignTicket', 'AssignTicketInput', { assigneeId: s.designer.globalId }, 'creative.manager');
    await run('addCollaborator', 'CollaboratorInput', { userId: s.designer2.globalId }, 'creative.manager');
    await run('startTicket', 'TicketActionInput', {}, 'designer');
    await t.ok(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
      { input: { ticketId: id, body: '@designer2 see <i>this</i>' } },
      s.designer.token,
    );
    await run('completeTicket', 'CompleteTicketInput', {}, 'designer');
    await run('requestRevision', 'RequestRevisionInput', { reason: 'Too <dark>' }, 'marketer');
    await run('completeTicket', 'CompleteTicketInput', {}, 'designer');
    await run('confirmTicket', 'TicketActionInput', {}, 'marketer');
    // The deadline notices come from the scheduler, on its clock.
    const dueDate = new Date(Date.now() + 2 * 3600_000);
    const other = await createTicket(t, s.marketer.token, { title: 'Reminder <test>' });
    await prisma.ticket.update({ where: { id: rawId(other.id) }, data: { dueDate, assigneeId: s.designer.id } });
    expect(await t.app.notices.deadlines.runOnce()).toBe(1);
    expect(await t.app.notices.deadlines.runOnce(new Date(dueDate.getTime() + 60_000))).toBe(1);
    const rejected = await createTicket(t, s.marketer.token, { title: 'Rejected one' });
    await ticketMutationOk(t, 'rejectTicket', 'RejectTicketInput', { id: rejected.id, reason: 'No <budget> & no time' }, s['marketing.manager'].token);

    const group = await deliveredFor(rawId(id));
    expect(group.map((message) => message.kind)).toEqual([
      'TICKET_CREATED',
      'TICKET_APPROVED',
      'TICKET_APPROVED',
      'TICKET_ASSIGNED',
      'COLLABORATOR_ADDED',
      'TICKET_STARTED',
      'COMMENT_ADDED',
      'TICKET_COMPLETED',
      'REVISION_REQUESTED',
      'TICKET_COMPLETED',
      'TICKET_CONFIRMED',
    ]);
    for (const message of group) {
      expect(message.chatId).toBe(GROUP_CHAT_ID);
      expect(message.body.parse_mode).toBe('HTML');
      expect(message.text).toContain(`<a href="${FRONTEND_URL}/tickets/${n}">Open #${n}</a>`);
      expect(message.text).not.toContain('<b>&</b>');
    }
    const [createdMsg, deptApproval, creativeApproval, assigned, collaborator, started, comment, completed, revision, , confirmed] = group.map((m) => m.text);
    expect(createdMsg).toContain(`New request #${n}: Banner &lt;b&gt;&amp;&lt;/b&gt; &quot;sale&quot;`);
    expect(createdMsg).toContain(tgMention('7001')); // the department's manager
    expect(deptApproval).toContain('@creative_boss'); // the Creative managers
    expect(creativeApproval).toContain(tgMention('7003')); // the requester
    expect(assigned).toContain(tgMention('7004'));
    expect(collaborator).toContain('@designer_two');
    expect(started).not.toContain(tgMention('7003')); // the requester muted "started"
    expect(comment).toContain('@designer_two');
    expect(comment).toContain(tgMention('7003')); // the participants
    expect(comment).toContain('<blockquote>@designer2 see &lt;i&gt;this&lt;/i&gt;</blockquote>');
    expect(completed).toContain(tgMention('7003'));
    expect(revision).toContain('Reason: Too &lt;dark&gt;');
    expect(revision).toContain(tgMention('7004'));
    expect(confirmed).toContain(tgMention('7004'));

    const [rejection] = await deliveredFor(rawId(rejected.id)).then((all) => all.filter((m) => m.kind === 'TICKET_REJECTED'));
    expect(rejection?.text).toContain('Reason: No &lt;budget&gt; &amp; no time');
    expect(rejection?.text).toContain(tgMention('7003'));

    const deadline = await deliveredFor(rawId(other.id));
    const reminder = deadline.find((m) => m.kind === 'DEADLINE_REMINDER');
    const overdue = deadline.find((m) => m.kind === 'TICKET_OVERDUE');
    expect(reminder?.text).toContain('is due in 2 h: Reminder &lt;test&gt;');
    expect(reminder?.text).toContain(tgMention('7004'));
    const manilaHour = String((dueDate.getUTCHours() + 8) % 24).padStart(2, '0');
    const minute = String(dueDate.getUTCMinutes()).padStart(2, '0');
    expect(reminder?.text).toMatch(new RegExp(`\nDue \\w{3}, \\d{1,2} \\w{3} \\d{4}, ${manilaHour}:${minute} GMT\\+8\n`));
    expect(reminder?.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(overdue?.text).toContain('is overdue: Reminder &lt;test&gt;');
    expect(overdue?.text).toContain(tgMention('7003'));

    // Direct messages: the requester's arrive in their own chat (except the kind they muted); the designer's
    // wait, pending, for the end of their quiet hours.
    const dms = await prisma.notificationOutbox.findMany({ where: { ticketId: rawId(id), channel: 'TELEGRAM_DM' }, orderBy: { id: 'asc' } });
    const toRequester = dms.filter((row) => row.recipientId === s.marketer.id);
    expect(toRequester.map((row) => row.kind)).toEqual(['TICKET_APPROVED', 'TICKET_APPROVED', 'COMMENT_ADDED', 'TICKET_COMPLETED', 'TICKET_COMPLETED']);
    await eventually(async () => {
      const rows = await prisma.notificationOutbox.findMany({ where: { id: { in: toRequester.map((row) => row.id) } } });
      return rows.every((row) => row.status === 'SENT' && row.chatId === '7003');
    }, "the requester's direct messages");
    const toDesigner = dms.filter((row) => row.recipientId === s.designer.id);
    expect(toDesigner.length).toBeGreaterThan(0);
    const held = await prisma.notificationOutbox.findMany({ where: { id: { in: toDesigner.map((row) => row.id) } } });
    expect(held.every((row) => row.status === 'PENDING' && row.nextAttemptAt.getTime() > Date.now())).toBe(true);
    expect(fake.ok('sendMessage').filter((call) => String(call.body.chat_id) === '7004')).toHaveLength(0);
    await prefs(s.marketer.id, { telegramDm: false, mutedKinds: [] });
    await prefs(s.designer.id, { telegramDm: false, quietHoursStart: null, quietHoursEnd: null });
    // Eleven steps of a ticket, three tickets and every message through the worker: slow on a loaded machine.
  }, 180_000);
});

describe('when Telegram has a bad minute', () => {
  it('loses nothing through 500s and 429 retry_after, and delivers every notice once, in order per ticket', async () => {
    const before = fake.calls.length;
    fake.failWith({ status: 500 });
    const a = await createTicket(t, s.marketer.token, { title: 'Outage A' });
    const b = await createTicket(t, s.seller.token, { title: 'Outage B' });
    await eventually(() => fake.calls.slice(before).filter((call) => call.status === 500).length >= 3, 'a few 500s');
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: a.id }, s['marketing.manager'].token);
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: b.id }, s['sales.manager'].token);
    fake.failWith({ status: 429, retryAfter: 1 });
    const mark429 = fake.calls.length;
    await eventually(() => fake.calls.slice(mark429).some((call) => call.status === 429), 'a 429');
    for (const ticket of [a, b]) {
      await t.ok(
        `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
        { input: { ticketId: ticket.id, body: 'after the outage' } },
        s.admin.token,
      );
    }
    // The chat waits out retry_after: nothing is sent to it before then.
    const rate = await t.db.prisma.telegramChatRate.findUniqueOrThrow({ where: { chatId: GROUP_CHAT_ID } });
    expect(rate.blockedUntil).not.toBeNull();
    fake.failWith(null);

    for (const ticket of [a, b]) {
      const delivered = await deliveredFor(rawId(ticket.id));
      expect(delivered.map((m) => m.kind)).toEqual(['TICKET_CREATED', 'TICKET_APPROVED', 'COMMENT_ADDED']);
      const rows = await t.db.prisma.notificationOutbox.findMany({ where: { ticketId: rawId(ticket.id), channel: 'TELEGRAM_GROUP' }, orderBy: { id: 'asc' } });
      // Telegram's message ids grow with arrival: the rows arrived in the order they were written.
      const ids = rows.map((row) => row.telegramMessageId as number);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(rows[0]?.attempts).toBeGreaterThan(1);
    }
    const sentAfter = fake.calls.slice(before).filter((call) => call.method === 'sendMessage' && call.status === 200);
    expect(new Set(sentAfter.map((call) => call.body.text)).size).toBe(sentAfter.length);
    expect(await t.db.prisma.notificationOutbox.count({ where: { status: 'DEAD' } })).toBe(0);
  });
});

describe('several workers', () => {
  it('never send one row twice', async () => {
    const { prisma } = t.db;
    await t.app.notices.worker?.stop();
    try {
      const before = fake.ok('sendMessage').length;
      await prisma.notificationOutbox.createMany({
        data: Array.from({ length: 40 }, (_, i) => ({
          channel: 'TELEGRAM_GROUP' as const,
          kind: 'COMMENT_ADDED' as const,
          payload: { title: `race row ${i}`, body: '', ticketNumber: null },
        })),
      });
      const workers = [extraWorker(t, fake), extraWorker(t, fake), extraWorker(t, fake)];
      // Each worker passes until nothing is left; an idle one pauses briefly while the others hold their leases.
      const drain = async (worker: (typeof workers)[number]) => {
        while ((await prisma.notificationOutbox.count({ where: { status: 'PENDING', channel: 'TELEGRAM_GROUP' } })) > 0) {
          if ((await worker.runOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await Promise.all(workers.map(drain));
      const sent = fake
        .ok('sendMessage')
        .slice(before)
        .map((call) => String(call.body.text));
      expect(sent).toHaveLength(40);
      expect(new Set(sent).size).toBe(40);
    } finally {
      t.app.notices.worker?.start();
    }
  });
});

describe("Telegram's limits", () => {
  it('keep one message a second per chat and 20 a minute per group, across workers, in stored state', async () => {
    const { prisma } = t.db;
    await t.app.notices.worker?.stop();
    const groupChatId = '-100555';
    try {
      await prisma.notificationOutbox.createMany({
        data: Array.from({ length: 4 }, (_, i) => ({
          channel: 'TELEGRAM_GROUP' as const,
          kind: 'COMMENT_ADDED' as const,
          payload: { title: `rate row ${i}`, body: '', ticketNumber: null },
        })),
      });
      const limits = { perChatIntervalMs: 1000, groupPerMinute: 3 };
      const first = extraWorker(t, fake, { ...FAST, limits }, groupChatId);
      const second = extraWorker(t, fake, { ...FAST, limits }, groupChatId);
      const toChat = () => fake.ok('sendMessage').filter((call) => String(call.body.chat_id) === groupChatId);
      // Two workers pass until three messages went: the stored slots hold between them.
      await eventually(async () => {
        await Promise.all([first.runOnce(), second.runOnce()]);
        return toChat().length >= 3;
      }, 'three messages');
      expect(toChat()).toHaveLength(3);
      const firstAt = toChat()[0]?.at as number;
      // The slots the sends took, as stored for every instance: a second apart at least.
      const slots = (await prisma.telegramChatRate.findUniqueOrThrow({ where: { chatId: groupChatId } })).recentSends
        .map((sent) => sent.getTime())
        .sort((x, y) => x - y);
      expect(slots).toHaveLength(3);
      for (let i = 1; i < slots.length; i++) expect((slots[i] as number) - (slots[i - 1] as number)).toBeGreaterThanOrEqual(limits.perChatIntervalMs);
      // The fourth, once its per-second wait is over, is put off to the minute that began with the first.
      const fourth = await eventually(async () => {
        await Promise.all([first.runOnce(), second.runOnce()]);
        const [row] = await prisma.notificationOutbox.findMany({ where: { status: 'PENDING', channel: 'TELEGRAM_GROUP' } });
        return row && row.nextAttemptAt.getTime() > Date.now() + 5_000 && row;
      }, 'the fourth message to be put off');
      expect(toChat()).toHaveLength(3);
      // Measured from the first send's slot, as stored (the request leaves just after it is taken).
      const { recentSends } = await prisma.telegramChatRate.findUniqueOrThrow({ where: { chatId: groupChatId } });
      const firstSlot = Math.min(...recentSends.map((sent) => sent.getTime()));
      expect(Math.abs(firstSlot - firstAt)).toBeLessThan(5_000);
      expect(fourth.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(firstSlot + 60_000);
      await prisma.notificationOutbox.deleteMany({ where: { status: 'PENDING', channel: 'TELEGRAM_GROUP' } });
    } finally {
      t.app.notices.worker?.start();
    }
  });
});

describe('a delivery that keeps failing', () => {
  const DELIVERIES = `query ($status: [NotificationDeliveryStatus!]) { notificationDeliveries(first: 100, status: $status) { totalCount nodes { id status attempts lastError title telegramMessageId } } }`;

  it('is parked DEAD with its last error, listed for admins only, and sent again when an admin retries it', async () => {
    const { prisma } = t.db;
    await t.app.notices.worker?.stop();
    try {
      const worker = extraWorker(t, fake, { ...FAST, backoffBaseMs: 0, maxAttempts: 3 });
      const row = await prisma.notificationOutbox.create({
        data: { channel: 'TELEGRAM_GROUP', kind: 'TICKET_CREATED', payload: { title: 'doomed row', body: '', ticketNumber: null } },
      });
      fake.failWith({ status: 500 });
      for (let i = 0; i < 3; i++) await worker.runOnce();
      fake.failWith(null);
      const dead = await prisma.notificationOutbox.findUniqueOrThrow({ where: { id: row.id } });
      expect(dead).toMatchObject({ status: 'DEAD', attempts: 3, lastError: '500: Internal Server Error' });
      await worker.runOnce();
      expect((await prisma.notificationOutbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('DEAD');

      const listed = await t.ok(DELIVERIES, { status: ['DEAD'] }, s.admin.token);
      expect(listed.notificationDeliveries.nodes).toContainEqual(
        expect.objectContaining({ id: row.id.toString(), status: 'DEAD', attempts: 3, lastError: '500: Internal Server Error', title: 'doomed row' }),
      );
      expect(errorCodes(await t.gql(DELIVERIES, { status: ['DEAD'] }, s['creative.manager'].token))).toEqual(['FORBIDDEN']);

      const RETRY = `mutation ($input: RetryNotificationDeliveryInput!) { retryNotificationDelivery(input: $input) { delivery { id status attempts } } }`;
      expect(errorCodes(await t.gql(RETRY, { input: { id: row.id.toString() } }, s.designer.token))).toEqual(['FORBIDDEN']);
      const retried = await t.ok(RETRY, { input: { id: row.id.toString() } }, s.admin.token);
      expect(retried.retryNotificationDelivery.delivery).toEqual({ id: row.id.toString(), status: 'PENDING', attempts: 0 });
      await worker.runOnce();
      const sent = await prisma.notificationOutbox.findUniqueOrThrow({ where: { id: row.id } });
      expect(sent.status).toBe('SENT');
      expect(fake.ok('sendMessage').filter((call) => call.messageId === sent.telegramMessageId)).toHaveLength(1);
      // A refusal that will not get better (400) parks the row at once.
      const refused = await prisma.notificationOutbox.create({
        data: { channel: 'TELEGRAM_GROUP', kind: 'TICKET_CREATED', payload: { title: 'refused row', body: '', ticketNumber: null } },
      });
      fake.failWith({ status: 400 });
      await worker.runOnce();
      fake.failWith(null);
      expect(await prisma.notificationOutbox.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({ status: 'DEAD', attempts: 1 });
      expect(errorCodes(await t.gql(RETRY, { input: { id: sent.id.toString() } }, s.admin.token))).toEqual(['BAD_USER_INPUT']);
    } finally {
      t.app.notices.worker?.start();
    }
  });
});

describe('without TELEGRAM_BOT_TOKEN', () => {
  it('keeps the rows pending and visible while the system runs normally', async () => {
    const plain = await startTestApp();
    try {
      const [marketer, manager, admin] = await Promise.all(['marketer', 'marketing.manager', 'admin'].map((name) => plain.login(name)));
      const ticket = await createTicket(plain, marketer?.accessToken as string);
      await ticketMutationOk(plain, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, manager?.accessToken as string);
      expect(plain.app.notices.worker).toBeNull();
      const listed = await plain.ok(
        `{ notificationDeliveries(first: 10, status: [PENDING]) { totalCount nodes { status attempts title } } }`,
        {},
        admin?.accessToken,
      );
      expect(listed.notificationDeliveries.totalCount).toBe(2);
      expect(listed.notificationDeliveries.nodes.every((node: { status: string; attempts: number }) => node.status === 'PENDING' && node.attempts === 0)).toBe(
        true,
      );
    } finally {
      await plain.close();
    }
    // A second app on a fresh database: its start-up alone can take most of a minute on a loaded machine.
  }, 180_000);
});
