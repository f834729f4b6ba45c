// Notice delivery, assembled for the composition root: the Telegram bot (outbox worker, updates by webhook
// or long polling) when TELEGRAM_BOT_TOKEN is set, and the deadline reminders always (they notify in-app
// too). Without a token nothing talks to Telegram and the outbox rows stay PENDING, visible to admins.
import { Bot, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import type { DailyReportSchedule } from '../domain/daily-report.ts';
import { type Route, sendJson } from '../http/router.ts';
import type { Logger } from '../logger.ts';
import type { TelegramLinkService } from '../services/telegram-links.ts';
import type { EffectsSink } from '../services/ticket-changes.ts';
import type { TicketService } from '../services/tickets.ts';
import { findChartFonts } from './chart-fonts.ts';
import { createDailyReportScheduler } from './daily-report.ts';
import { createDeadlineScheduler } from './deadline-scheduler.ts';
import { createOutboxWorker, type OutboxTuning } from './outbox-worker.ts';
import { registerUpdateHandlers } from './telegram-updates.ts';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

export type TelegramSettings = {
  botToken: string | undefined;
  groupChatId: string | undefined;
  botUsername: string | undefined;
  apiRoot: string;
  /** Public base URL: set → the webhook is registered at <url>/telegram/webhook; unset → long polling. */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
};

export type NoticeDeliveryTuning = {
  outbox?: Partial<OutboxTuning>;
  /** Tests drive updates through the webhook route without registering it, and never poll. */
  polling?: boolean;
  deadlineIntervalMs?: number;
  /** false: the reminders run only when runOnce is called (tests that count notifications). */
  deadlineScheduler?: boolean;
  /** false: the daily report is queued only when its runOnce is called (tests, on their own clock). */
  dailyReportScheduler?: boolean;
  /** Skips getMe (tests, or a known bot). */
  botInfo?: UserFromGetMe;
};

export type NoticeDeliveryDeps = {
  prisma: PrismaClient;
  tickets: TicketService;
  links: TelegramLinkService;
  sink: EffectsSink;
  logger: Logger;
  telegram: TelegramSettings;
  frontendUrl: string | undefined;
  reminderLeadMs: number;
  /** The daily report's time zone and local time (null: not sent), and the chart's font (REPORT_FONT_FILE). */
  report: { timeZone: string; dailyAt: { hour: number; minute: number } | null; fontFile: string | undefined };
  tuning?: NoticeDeliveryTuning;
};

export function createNoticeDelivery(deps: NoticeDeliveryDeps) {
  const { prisma, logger, telegram, tuning = {} } = deps;
  const bot = telegram.botToken ? new Bot(telegram.botToken, { client: { apiRoot: telegram.apiRoot }, botInfo: tuning.botInfo }) : null;
  const { links } = deps;
  const chartFonts = bot && telegram.groupChatId ? findChartFonts(deps.report.fontFile) : [];
  const worker = bot
    ? createOutboxWorker({
        prisma,
        api: bot.api,
        groupChatId: telegram.groupChatId,
        frontendUrl: deps.frontendUrl,
        timeZone: deps.report.timeZone,
        logger,
        tuning: tuning.outbox,
        chartFonts,
      })
    : null;
  // The report goes to the group only: without a bot and a group there is nobody to send it to.
  const schedule: DailyReportSchedule | null =
    bot && telegram.groupChatId && deps.report.dailyAt ? { timeZone: deps.report.timeZone, ...deps.report.dailyAt } : null;
  const dailyReport = schedule ? createDailyReportScheduler({ prisma, logger, schedule }) : null;
  const deadlines = createDeadlineScheduler({ prisma, sink: deps.sink, logger, reminderLeadMs: deps.reminderLeadMs, intervalMs: tuning.deadlineIntervalMs });
  if (bot) registerUpdateHandlers(bot, { prisma, tickets: deps.tickets, links, frontendUrl: deps.frontendUrl, logger });

  // The webhook answers only requests carrying the secret (grammY checks X-Telegram-Bot-Api-Secret-Token).
  const webhook = bot && telegram.webhookSecret ? webhookCallback(bot, 'http', { secretToken: telegram.webhookSecret }) : null;
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
  const polling = Boolean(bot && !telegram.webhookUrl && (tuning.polling ?? true));

  return {
    /** For deep links: the configured name, else what getMe said. */
    botUsername: () => telegram.botUsername ?? (bot?.isInited() ? bot.botInfo.username : undefined),
    routes,
    worker,
    deadlines,
    dailyReport,
    async start() {
      if (tuning.deadlineScheduler !== false) deadlines.start();
      if (dailyReport && tuning.dailyReportScheduler !== false) {
        if (chartFonts.length === 0)
          logger.warn('no font found for the daily report chart (install fonts-dejavu-core or set REPORT_FONT_FILE): its text will be missing');
        dailyReport.start();
      }
      if (!bot || !worker) {
        logger.info('TELEGRAM_BOT_TOKEN is not set: Telegram notices stay pending in the outbox');
        return;
      }
      worker.start();
      if (telegram.webhookUrl) {
        const url = `${telegram.webhookUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
        await bot.api
          .setWebhook(url, { secret_token: telegram.webhookSecret, allowed_updates: ['message', 'callback_query', 'my_chat_member'] })
          .catch((error) => {
            logger.error('registering the Telegram webhook failed', error);
          });
      } else if (polling) {
        // Long polling needs no public URL; only one instance may poll a bot at a time.
        bot.start({ allowed_updates: ['message', 'callback_query', 'my_chat_member'] }).catch((error) => logger.error('Telegram long polling stopped', error));
      }
    },
    async stop() {
      // grammY's stop() confirms the last updates with Telegram; an unreachable Telegram must not fail the
      // shutdown (the unconfirmed updates come again on the next start; a repeated tap meets a version already moved on).
      if (polling && bot?.isRunning()) await bot.stop().catch((error: unknown) => logger.warn('Telegram long polling did not stop cleanly', error));
      await Promise.all([worker?.stop(), deadlines.stop(), dailyReport?.stop()]);
    },
  };
}

export type NoticeDelivery = ReturnType<typeof createNoticeDelivery>;
