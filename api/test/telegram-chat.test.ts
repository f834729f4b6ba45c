// The bot's side: linking by code, Approve/Reject taps through the webhook, and deadline reminders. Updates are
// posted to /telegram/webhook as Telegram would; the bot answers through the fake Bot API on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ALLOWED, NOT_LINKED } from '../src/notifications/telegram-updates.ts';
import type { TestApp } from './support/app.ts';
import { eventually, FAKE_BOT, type FakeTelegram } from './support/fake-telegram.ts';
import { GROUP_CHAT_ID, postUpdate, startTelegramTestApp } from './support/telegram-app.ts';
import { createTicket, rawId, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let fake: FakeTelegram;
let s: Sessions;
let updateId = 1;

beforeAll(async () => {
  ({ t, fake } = await startTelegramTestApp());
  s = await signInEveryone(t);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const group = { id: Number(GROUP_CHAT_ID), type: 'supergroup', title: 'Team' };
const person = (id: number, username?: string) => ({ id, is_bot: false, first_name: `User ${id}`, ...(username ? { username } : {}) });

function privateMessage(fromId: number, text: string, username?: string) {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] : [];
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: fromId, type: 'private', first_name: 'User' },
      from: person(fromId, username),
      text,
      entities,
    },
  };
}

const tap = (fromId: number, data: string, messageId: number) => ({
  update_id: updateId++,
  callback_query: {
    id: `cb-${updateId}`,
    from: person(fromId),
    chat_instance: 'ci',
    data,
    message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: group, text: 'approval request' },
  },
});

const replyTo = (fromId: number, promptMessageId: number, text: string) => ({
  update_id: updateId++,
  message: {
    message_id: 50_000 + updateId,
    date: Math.floor(Date.now() / 1000),
    chat: group,
    from: person(fromId),
    text,
    reply_to_message: { message_id: promptMessageId, date: Math.floor(Date.now() / 1000), chat: group, from: { ...FAKE_BOT }, text: 'why?' },
  },
});

const CREATE_CODE = `mutation { createTelegramLinkCode { code deepLink expiresAt } }`;

/** Links a demo user to a Telegram id the way a person would: a code from the API, /start <code> to the bot. */
async function link(who: keyof Sessions, telegramId: number): Promise<void> {
  const { createTelegramLinkCode } = await t.ok(CREATE_CODE, {}, s[who].token);
  expect(await postUpdate(t, privateMessage(telegramId, `/start ${createTelegramLinkCode.code}`))).toBe(200);
}

const answersFor = (callbackId: string) => fake.ok('answerCallbackQuery').filter((call) => call.body.callback_query_id === callbackId);

/** The group message (with its Approve/Reject buttons) that announced the ticket's current approval step. */
// biome-ignore lint/suspicious/noExplicitAny: tickets come back from GraphQL as loose JSON.
async function approvalMessage(ticket: Record<string, any>) {
  const ticketId = ticket.id;
  return eventually(() => {
    const call = fake
      .ok('sendMessage')
      .filter((c) => String(c.body.chat_id) === GROUP_CHAT_ID && JSON.stringify(c.body.reply_markup ?? {}).includes(`${rawId(ticketId)}:${ticket.version}"`))
      .at(-1);
    if (!call) return undefined;
    const [approve, reject] = call.body.reply_markup.inline_keyboard[0] as { text: string; callback_data: string }[];
    return { messageId: call.messageId as number, approve: approve?.callback_data as string, reject: reject?.callback_data as string };
  }, `the approval request for ${ticketId}`);
}

describe('linking an account', () => {
  it('links by a one-time code sent as /start <code>, and refuses a used or expired code', async () => {
    const { createTelegramLinkCode: created } = await t.ok(CREATE_CODE, {}, s.seller.token);
    expect(created.deepLink).toBe(`https://t.me/${FAKE_BOT.username}?start=${created.code}`);
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // A webhook call without the secret is refused and changes nothing.
    expect(await postUpdate(t, privateMessage(8001, `/start ${created.code}`), 'wrong-secret-000000')).toBe(401);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: s.seller.id } })).telegramChatId).toBeNull();

    expect(await postUpdate(t, privateMessage(8001, `/start ${created.code}`, 'seller_tg'))).toBe(200);
    const linked = await t.db.prisma.user.findUniqueOrThrow({ where: { id: s.seller.id } });
    expect(linked).toMatchObject({ telegramChatId: '8001', telegramUsername: 'seller_tg' });
    expect(fake.ok('sendMessage').at(-1)?.body).toMatchObject({ chat_id: 8001, text: expect.stringContaining('Linked') });
    const viewer = await t.ok(`{ viewer { telegramLinked } }`, {}, s.seller.token);
    expect(viewer.viewer.telegramLinked).toBe(true);

    // Used once: someone else cannot take it over.
    expect(await postUpdate(t, privateMessage(8002, `/start ${created.code}`))).toBe(200);
    expect(fake.ok('sendMessage').at(-1)?.body).toMatchObject({ chat_id: 8002, text: expect.stringContaining('expired or was already used') });
    expect(await t.db.prisma.user.count({ where: { telegramChatId: '8002' } })).toBe(0);

    // Expired: nothing links.
    const { createTelegramLinkCode: stale } = await t.ok(CREATE_CODE, {}, s.designer2.token);
    await t.db.prisma.telegramLinkCode.updateMany({ where: { userId: s.designer2.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await postUpdate(t, privateMessage(8003, `/start ${stale.code}`));
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: s.designer2.id } })).telegramChatId).toBeNull();

    // Unlinking ends it; the bot remembers the chats it saw (for npm run telegram:chat-id).
    const unlinked = await t.ok(`mutation { unlinkTelegram { user { username telegramLinked } } }`, {}, s.seller.token);
    expect(unlinked.unlinkTelegram.user).toEqual({ username: 'seller', telegramLinked: false });
    expect(await t.db.prisma.telegramChat.findUnique({ where: { chatId: '8001' } })).toMatchObject({ type: 'private' });
  });
});

describe('approving from the chat', () => {
  it('an Approve tap from the linked manager approves through the workflow and edits the message; others change nothing', async () => {
    await link('marketing.manager', 9001);
    await link('sales.manager', 9002);
    const ticket = await createTicket(t, s.marketer.token, { title: 'Tap <approve>' });
    const request = await approvalMessage(ticket);

    // Not linked: not allowed, nothing changes.
    const stranger = tap(9999, request.approve, request.messageId);
    await postUpdate(t, stranger);
    expect(answersFor(stranger.callback_query.id)[0]?.body.text).toBe(NOT_LINKED);
    // Linked, but not the manager of this department: the workflow refuses.
    const outsider = tap(9002, request.approve, request.messageId);
    await postUpdate(t, outsider);
    expect(answersFor(outsider.callback_query.id)[0]?.body.text).toBe(NOT_ALLOWED);
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } })).status).toBe('REQUESTED');

    const manager = tap(9001, request.approve, request.messageId);
    await postUpdate(t, manager);
    expect(answersFor(manager.callback_query.id)[0]?.body.text).toBe(`Approved #${ticket.number}.`);
    const approved = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } });
    expect(approved).toMatchObject({ status: 'PENDING_CREATIVE', deptApprovedById: s['marketing.manager'].id });
    const edit = fake.ok('editMessageText').at(-1)?.body;
    expect(edit).toMatchObject({ chat_id: Number(GROUP_CHAT_ID), message_id: request.messageId, parse_mode: 'HTML' });
    const { displayName } = await t.db.prisma.user.findUniqueOrThrow({ where: { id: s['marketing.manager'].id } });
    expect(edit?.text).toContain(`Approved by ${displayName}`);
    expect(edit?.text).toContain('Tap &lt;approve&gt;');

    // The same button again: the ticket moved on.
    const late = tap(9001, request.approve, request.messageId);
    await postUpdate(t, late);
    expect(answersFor(late.callback_query.id)[0]?.body.text).toContain('moved on');
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } })).version).toBe(approved.version);
  });

  it('Reject asks for the reason as a reply and rejects with it', async () => {
    await link('creative.manager', 9003);
    const ticket = await ticketAt(t, s, 'PENDING_CREATIVE', { title: 'Tap reject' });
    const request = await approvalMessage(ticket);
    const rejectTap = tap(9003, request.reject, request.messageId);
    await postUpdate(t, rejectTap);
    expect(answersFor(rejectTap.callback_query.id)[0]?.body.text).toContain('reason');
    const prompt = fake.ok('sendMessage').at(-1);
    expect(prompt?.body).toMatchObject({ chat_id: Number(GROUP_CHAT_ID), reply_markup: { force_reply: true, selective: true } });
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } })).status).toBe('PENDING_CREATIVE');

    // Someone else's reply is just a message.
    await postUpdate(t, replyTo(9001, prompt?.messageId as number, 'I say reject'));
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } })).status).toBe('PENDING_CREATIVE');

    await postUpdate(t, replyTo(9003, prompt?.messageId as number, 'Off <brand> & late'));
    const rejected = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } });
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'Off <brand> & late' });
    const edit = fake.ok('editMessageText').at(-1)?.body;
    expect(edit).toMatchObject({ message_id: request.messageId });
    const { displayName } = await t.db.prisma.user.findUniqueOrThrow({ where: { id: s['creative.manager'].id } });
    expect(edit?.text).toContain(`Rejected by ${displayName}`);
    expect(edit?.text).toContain('Reason: Off &lt;brand&gt; &amp; late');
  });
});

describe('deadline reminders', () => {
  it('fire once per deadline, from any number of schedulers, in-app too, and re-arm when the due date moves', async () => {
    const { prisma } = t.db;
    const scheduler = t.app.notices.deadlines;
    const ticket = await ticketAt(t, s, 'ASSIGNED', { title: 'Due soon' });
    const id = rawId(ticket.id);
    const dueDate = new Date(Date.now() + 3 * 3600_000);
    await prisma.ticket.update({ where: { id }, data: { dueDate } });
    const notices = (kind: 'DEADLINE_REMINDER' | 'TICKET_OVERDUE') => prisma.notification.count({ where: { ticketId: id, kind, recipientId: s.designer.id } });

    // Two instances at once: one reminder.
    await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
    await scheduler.runOnce();
    expect(await notices('DEADLINE_REMINDER')).toBe(1);
    expect(await prisma.notificationOutbox.count({ where: { ticketId: id, kind: 'DEADLINE_REMINDER', channel: 'TELEGRAM_GROUP' } })).toBe(1);

    const late = new Date(dueDate.getTime() + 60_000);
    await Promise.all([scheduler.runOnce(late), scheduler.runOnce(late)]);
    await scheduler.runOnce(new Date(late.getTime() + 3600_000));
    expect(await notices('TICKET_OVERDUE')).toBe(1);
    expect(await prisma.notification.count({ where: { ticketId: id, kind: 'TICKET_OVERDUE', recipientId: s.marketer.id } })).toBe(1);

    // A new due date re-arms both notices.
    const moved = await ticketMutationOk(
      t,
      'updateTicket',
      'UpdateTicketInput',
      { id: ticket.id, dueDate: new Date(Date.now() + 2 * 3600_000).toISOString() },
      s.admin.token,
    );
    await scheduler.runOnce();
    expect(await notices('DEADLINE_REMINDER')).toBe(2);
    await scheduler.runOnce(new Date(new Date(moved.dueDate).getTime() + 1000));
    expect(await notices('TICKET_OVERDUE')).toBe(2);
    // Finished work is not chased.
    await prisma.ticket.update({ where: { id }, data: { status: 'COMPLETED', dueDate: new Date(Date.now() + 3600_000) } });
    expect(await scheduler.runOnce()).toBe(0);
  });
});
