// Telegram through the build people run: `node dist/.../main.js` talking to a fake Bot API over real HTTP. The
// bundled server once failed every Bot API call ("Network request for 'sendMessage' failed!": esbuild renamed a
// bundled AbortSignal class that node-fetch recognises by name) while every suite on the source passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltServer, cleanUpBuiltServers, startBuiltServer } from '../support/built-server.ts';
import { eventually, type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.ts';
import { BOT_TOKEN, GROUP_CHAT_ID, WEBHOOK_SECRET } from '../support/telegram-app.ts';
import { createTicket, type Sessions, signInEveryone, ticketMutationOk } from '../support/tickets.ts';

let server: BuiltServer;
let fake: FakeTelegram;
let s: Sessions;

beforeAll(async () => {
  fake = await startFakeTelegram();
  // Updates arrive by webhook (registered with the fake through setWebhook), so nothing long-polls the fake.
  server = await startBuiltServer({
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_GROUP_CHAT_ID: GROUP_CHAT_ID,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://tickets.example.com',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  s = await signInEveryone(server);
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await cleanUpBuiltServers();
});

/** Successful group messages about ticket #number (the demo month's deadline notices go to the group too). */
const groupSendsAbout = (number: number) =>
  fake.ok('sendMessage').filter((call) => String(call.body.chat_id) === GROUP_CHAT_ID && new RegExp(`#${number}\\b`).test(String(call.body.text)));

describe('the built server and the Telegram Bot API', () => {
  it('registers its webhook with the secret at start', async () => {
    const registration = await eventually(() => fake.ok('setWebhook')[0], 'setWebhook');
    expect(registration.body).toMatchObject({ url: 'https://tickets.example.com/telegram/webhook', secret_token: WEBHOOK_SECRET });
  });

  it('announces a new request, both approvals and the assignment to the group, once each, through 429s', async () => {
    // Telegram is flooded at first: every call answers 429 with retry_after until the bot has been refused twice.
    fake.failWith({ status: 429, retryAfter: 1 });
    const title = `Built bundle banner ${Date.now()}`;
    const ticket = await createTicket(server, s.marketer.token, { title });
    await eventually(() => fake.calls.filter((call) => call.method === 'sendMessage' && call.status === 429).length >= 2, 'two 429 answers', 20_000);
    fake.failWith(null);

    await ticketMutationOk(server, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
    await ticketMutationOk(server, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['creative.manager'].token);
    await ticketMutationOk(server, 'assignTicket', 'AssignTicketInput', { id: ticket.id, assigneeId: s.designer.globalId }, s['creative.manager'].token);

    const sends = await eventually(
      () => groupSendsAbout(ticket.number).length >= 4 && groupSendsAbout(ticket.number),
      'four group messages about the ticket',
      45_000,
    );
    // Nothing more comes (a retry after a success would be a duplicate).
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(groupSendsAbout(ticket.number)).toHaveLength(4);
    const texts = sends.map((call) => String(call.body.text));
    expect(new Set(texts).size).toBe(4);
    expect(texts[0]).toContain('🆕');
    expect(texts[0]).toContain(title);
    expect(texts.filter((text) => text.includes('✅'))).toHaveLength(2);
    expect(texts[3]).toContain('👤');
    expect(server.output()).not.toContain("Network request for 'sendMessage' failed");
  });

  it('answers a webhook update only with the secret, and handles it', async () => {
    const post = (secret: string | undefined, update: Record<string, unknown>) =>
      fetch(`${server.origin}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
    const update = (id: number) => ({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 9901, type: 'private', first_name: 'Pat' },
        from: { id: 9901, is_bot: false, first_name: 'Pat' },
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    const refused = await post('wrong-secret-0123456789', update(1));
    expect(refused.status).toBe(401);
    const before = fake.ok('sendMessage').filter((call) => String(call.body.chat_id) === '9901').length;
    const accepted = await post(WEBHOOK_SECRET, update(2));
    expect(accepted.status).toBe(200);
    // The bot answers /start in the private chat through the Bot API (another call that must leave the process).
    await eventually(() => fake.ok('sendMessage').filter((call) => String(call.body.chat_id) === '9901').length > before, 'the reply to /start');
  });
});
