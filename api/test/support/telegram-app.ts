// A test app wired to the fake Telegram: bot token, group chat, webhook secret, short delivery timings.
import { Api } from 'grammy';
import { createOutboxWorker, type OutboxTuning } from '../../src/notifications/outbox-worker.ts';
import { startTestApp, type TestApp } from './app.ts';
import { FAKE_BOT, type FakeTelegram, startFakeTelegram } from './fake-telegram.ts';

export const GROUP_CHAT_ID = '-100123';
export const WEBHOOK_SECRET = 'telegram-test-secret-0123';
export const FRONTEND_URL = 'https://tickets.example.com';
export const BOT_TOKEN = '123456:TEST-TOKEN';

/** Fast retries and no flood limits, unless a test asks for them. */
export const FAST: Partial<OutboxTuning> = {
  pollIntervalMs: 20,
  backoffBaseMs: 20,
  backoffCapMs: 200,
  limits: { perChatIntervalMs: 0, groupPerMinute: 1_000_000 },
};

export async function startTelegramTestApp(env: Record<string, string> = {}): Promise<{ t: TestApp; fake: FakeTelegram }> {
  const fake = await startFakeTelegram();
  const t = await startTestApp({
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_GROUP_CHAT_ID: GROUP_CHAT_ID,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      FRONTEND_URL,
      ...env,
    },
    app: { notices: { botInfo: FAKE_BOT, outbox: FAST } },
  });
  return { t, fake };
}

/** Another delivery worker on the same database (a second API instance, as far as the outbox can tell). */
export function extraWorker(t: TestApp, fake: FakeTelegram, tuning: Partial<OutboxTuning> = FAST, groupChatId = GROUP_CHAT_ID) {
  return createOutboxWorker({
    prisma: t.db.prisma,
    api: new Api(BOT_TOKEN, { apiRoot: fake.apiRoot }),
    groupChatId,
    frontendUrl: FRONTEND_URL,
    timeZone: 'UTC',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    tuning,
  });
}

/** Sends an update to the app's webhook as Telegram would. */
export async function postUpdate(t: TestApp, update: Record<string, unknown>, secret = WEBHOOK_SECRET): Promise<number> {
  const response = await fetch(t.url.replace(/\/graphql$/, '/telegram/webhook'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  });
  await response.text();
  return response.status;
}
