// Notice delivery, assembled for the composition root: the Telegram bot (outbox worker, updates by webhook
// or long polling) when TELEGRAM_BOT_TOKEN is set, and the deadline reminders always (they notify in-app
// too). Without a token nothing talks to Telegram, grammY is never loaded (telegram-bot.ts), and the outbox
// rows stay PENDING, visible to admins.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import type { DailyReportSchedule } from '../domain/daily-report.ts';
import type { Route } from '../http/router.ts';
import type { Logger } from '../logger.ts';
import type { TelegramLinkService } from '../services/telegram-links.ts';
import type { EffectsSink } from '../services/ticket-changes.ts';
import type { TicketService } from '../services/tickets.ts';
import { findChartFonts } from './chart-fonts.ts';
import { createDailyReportScheduler } from './daily-report.ts';
import { createDeadlineScheduler } from './deadline-scheduler.ts';
import type { TelegramBotTuning, TelegramSettings } from './telegram-bot.ts';

export type NoticeDeliveryTuning = TelegramBotTuning & {
  deadlineIntervalMs?: number;
  /** false: the reminders run only when runOnce is called (tests that count notifications). */
  deadlineScheduler?: boolean;
  /** false: the daily report is queued only when its runOnce is called (tests, on their own clock). */
  dailyReportScheduler?: boolean;
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

export async function createNoticeDelivery(deps: NoticeDeliveryDeps) {
  const { prisma, logger, telegram, tuning = {} } = deps;
  const { botToken } = telegram;
  const chartFonts = botToken && telegram.groupChatId ? findChartFonts(deps.report.fontFile) : [];
  const bot = botToken
    ? (await import('./telegram-bot.ts')).createTelegramBot({
        botToken,
        telegram,
        prisma,
        tickets: deps.tickets,
        links: deps.links,
        logger,
        frontendUrl: deps.frontendUrl,
        timeZone: deps.report.timeZone,
        chartFonts,
        tuning,
      })
    : null;
  // The report goes to the group only: without a bot and a group there is nobody to send it to.
  const schedule: DailyReportSchedule | null =
    bot && telegram.groupChatId && deps.report.dailyAt ? { timeZone: deps.report.timeZone, ...deps.report.dailyAt } : null;
  const dailyReport = schedule ? createDailyReportScheduler({ prisma, logger, schedule }) : null;
  const deadlines = createDeadlineScheduler({ prisma, sink: deps.sink, logger, reminderLeadMs: deps.reminderLeadMs, intervalMs: tuning.deadlineIntervalMs });
  const routes: Route[] = bot?.routes ?? [];

  return {
    /** For deep links: the configured name, else what getMe said. */
    botUsername: () => telegram.botUsername ?? bot?.username(),
    routes,
    worker: bot?.worker ?? null,
    deadlines,
    dailyReport,
    async start() {
      if (tuning.deadlineScheduler !== false) deadlines.start();
      if (dailyReport && tuning.dailyReportScheduler !== false) {
        if (chartFonts.length === 0)
          logger.warn('no font found for the daily report chart (install fonts-dejavu-core or set REPORT_FONT_FILE): its text will be missing');
        dailyReport.start();
      }
      if (!bot) {
        logger.info('TELEGRAM_BOT_TOKEN is not set: Telegram notices stay pending in the outbox');
        return;
      }
      await bot.start();
    },
    async stop() {
      await Promise.all([bot?.stop(), deadlines.stop(), dailyReport?.stop()]);
    },
  };
}

export type NoticeDelivery = Awaited<ReturnType<typeof createNoticeDelivery>>;
