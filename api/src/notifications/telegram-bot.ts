// The Telegram half of notice delivery: the bot (grammY), the outbox worker that sends through it, the bot's
// updates by webhook or long polling. index.ts imports this module only when TELEGRAM_BOT_TOKEN is set: grammY
// and the fetch stack it brings cost every start ≈0.2 s of CPU, and most instances never talk to Telegram.
import { Bot, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { type Route, sendJson } from '../http/router.ts';
import type { Logger } from '../logger.ts';
import type { TelegramLinkService } from '../services/telegram-links.ts';
import type { TicketService } from '../services/tickets.ts';
import { createOutboxWorker, type OutboxTuning } from './outbox-worker.ts';
import { registerUpdateHandlers } from './telegram-updates.ts';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export type TelegramSettings = {
  botToken: string | undefined;
  groupChatId: string | undefined;
  botUsername: string | undefined;
  apiRoot: string;
  /** Public base URL: set → the webhook is registered at <url>/telegram/webhook; unset → long polling. */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
};

export type TelegramBotTuning = {
  outbox?: Partial<OutboxTuning>;
  /** Tests drive updates through the webhook route without registering it, and never poll. */
  polling?: boolean;
  /** Skips getMe (tests, or a known bot). */
  botInfo?: UserFromGetMe;
};

export type TelegramBotDeps = {
  botToken: string;
  telegram: TelegramSettings;
  prisma: PrismaClient;
  tickets: TicketService;
  links: TelegramLinkService;
  logger: Logger;
  frontendUrl: string | undefined;
  timeZone: string;
  /** Fonts for the daily report's chart (found once by index.ts, which also warns when there are none). */
  chartFonts: readonly string[];
  tuning: TelegramBotTuning;
};

export function createTelegramBot(deps: TelegramBotDeps) {
  const { telegram, logger, tuning } = deps;
  const bot = new Bot(deps.botToken, { client: { apiRoot: telegram.apiRoot }, botInfo: tuning.botInfo });
  const worker = createOutboxWorker({
    prisma: deps.prisma,
    api: bot.api,
    groupChatId: telegram.groupChatId,
    frontendUrl: deps.frontendUrl,
    timeZone: deps.timeZone,
    logger,
    tuning: tuning.outbox,
    chartFonts: deps.chartFonts,
  });
  registerUpdateHandlers(bot, { prisma: deps.prisma, tickets: deps.tickets, links: deps.links, frontendUrl: deps.frontendUrl, logger });

  // The webhook answers only requests carrying the secret (grammY checks X-Telegram-Bot-Api-Secret-Token).
  const webhook = telegram.webhookSecret ? webhookCallback(bot, 'http', { secretToken: telegram.webhookSecret }) : null;
  const routes: Route[] = webhook
    ? [
        {
          path: TELEGRAM_WEBHOOK_PATH,
          methods: ['POST'],
          handle: (req, res) =>
            void webhook(req, res).catch((error: unknown) => {
              // grammY rejects without answering (a body that is not JSON, a handler past its timeout): the
              // caller must still hear back, or the connection hangs until it gives up.
              if (error instanceof SyntaxError) logger.warn('telegram webhook: the update is not valid JSON');
              else logger.error('telegram webhook failed', error);
              if (res.headersSent) return void res.end();
              if (error instanceof SyntaxError) sendJson(res, 400, { ok: false, description: 'The update is not valid JSON.' });
              else sendJson(res, 500, { ok: false, description: 'The update could not be handled.' });
            }),
        },
      ]
    : [];
  const polling = !telegram.webhookUrl && (tuning.polling ?? true);

  return {
    worker,
    routes,
    /** What getMe said, once it has answered. */
    username: () => (bot.isInited() ? bot.botInfo.username : undefined),
    async start() {
      worker.start();
      if (telegram.webhookUrl) {
        const url = `${telegram.webhookUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
        await bot.api.setWebhook(url, { secret_token: telegram.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] }).catch((error) => {
          logger.error('registering the Telegram webhook failed', error);
        });
      } else if (polling) {
        // Long polling needs no public URL; only one instance may poll a bot at a time.
        bot.start({ allowed_updates: [...ALLOWED_UPDATES] }).catch((error) => logger.error('Telegram long polling stopped', error));
      }
    },
    async stop() {
      // grammY's stop() confirms the last updates with Telegram; an unreachable Telegram must not fail the
      // shutdown (the unconfirmed updates come again on the next start; a repeated tap meets a version already moved on).
      if (polling && bot.isRunning()) await bot.stop().catch((error: unknown) => logger.warn('Telegram long polling did not stop cleanly', error));
      await worker.stop();
    },
  };
}

export type TelegramBot = ReturnType<typeof createTelegramBot>;
