// Delivers the Telegram outbox. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease (lockedBy,
// lockedUntil), so several instances never hold one row at once and a crashed worker's rows come back when
// its lease ends. Only the oldest pending row of each (ticket, channel, recipient) is claimable, so notices
// about a ticket arrive in order. Telegram's limits are kept in TelegramChatRate (shared by every instance);
// failures back off exponentially, a 429 waits its retry_after, and a row that keeps failing (or that
// Telegram refuses for good) is parked DEAD with its last error for an admin to retry.
import { randomUUID } from 'node:crypto';
import { type Api, GrammyError, InputFile } from 'grammy';
import { type NotificationOutbox, Prisma, type PrismaClient } from '../db/generated/prisma/client.ts';
import { backoffMs, type ChatRateLimits, reserveSlot, TELEGRAM_LIMITS } from '../domain/telegram-rate.ts';
import type { Logger } from '../logger.ts';
import { composeDailyReport } from './daily-report.ts';
import { composeMessage } from './telegram-compose.ts';
import { createTimerLoop } from './timer-loop.ts';

export type OutboxTuning = {
  /** How long a claimed row belongs to this worker. */
  leaseMs: number;
  batchSize: number;
  /** Idle wait between looks at the outbox. */
  pollIntervalMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Failed attempts (other than 429s) before a row is parked DEAD. */
  maxAttempts: number;
  limits: ChatRateLimits;
};

export const DEFAULT_OUTBOX_TUNING: OutboxTuning = {
  leaseMs: 60_000,
  batchSize: 20,
  pollIntervalMs: 1_000,
  backoffBaseMs: 5_000,
  backoffCapMs: 15 * 60_000,
  maxAttempts: 10,
  limits: TELEGRAM_LIMITS,
};

export type OutboxWorkerDeps = {
  prisma: PrismaClient;
  api: Api;
  groupChatId: string | undefined;
  frontendUrl: string | undefined;
  /** The team's time zone (REPORT_TIMEZONE), for instants in a notice's text. */
  timeZone: string;
  logger: Logger;
  tuning?: Partial<OutboxTuning>;
  workerId?: string;
  /** The fonts the daily report's chart is drawn with (findChartFonts); none: whatever the system has. */
  chartFonts?: readonly string[];
};

type Outcome = 'sent' | 'deferred' | 'failed' | 'dead';

const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const { prisma, api, logger } = deps;
  const tuning = { ...DEFAULT_OUTBOX_TUNING, ...deps.tuning };
  const workerId = deps.workerId ?? randomUUID();

  /** Leases up to batchSize deliverable rows to this worker, oldest first. */
  async function claim(now: Date): Promise<NotificationOutbox[]> {
    const leaseEnd = new Date(now.getTime() + tuning.leaseMs);
    // Group rows wait (pending, visible) until a group chat is configured.
    const channels = deps.groupChatId ? Prisma.sql`TRUE` : Prisma.sql`o."channel" <> 'TELEGRAM_GROUP'`;
    const claimed = await prisma.$queryRaw<{ id: bigint }[]>`
      WITH next AS (
        SELECT o."id" FROM "NotificationOutbox" o
        WHERE o."status" = 'PENDING' AND o."nextAttemptAt" <= ${utc(now)}
          AND (o."lockedUntil" IS NULL OR o."lockedUntil" <= ${utc(now)}) AND ${channels}
          AND NOT EXISTS (
            SELECT 1 FROM "NotificationOutbox" e
            WHERE e."status" = 'PENDING' AND e."id" < o."id" AND e."ticketId" = o."ticketId"
              AND e."channel" = o."channel" AND e."recipientId" IS NOT DISTINCT FROM o."recipientId")
        ORDER BY o."id" LIMIT ${tuning.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "NotificationOutbox" SET "lockedBy" = ${workerId}, "lockedUntil" = ${utc(leaseEnd)}
      FROM next WHERE "NotificationOutbox"."id" = next."id"
      RETURNING "NotificationOutbox"."id"`;
    if (!claimed.length) return [];
    return prisma.notificationOutbox.findMany({ where: { id: { in: claimed.map((row) => row.id) }, lockedBy: workerId }, orderBy: { id: 'asc' } });
  }

  /** Only while this worker still holds the lease: a row whose lease ran out may be someone else's now. */
  const mine = (row: NotificationOutbox) => ({ id: row.id, lockedBy: workerId });
  const release = { lockedBy: null, lockedUntil: null };

  async function chatOf(row: NotificationOutbox): Promise<string | null> {
    if (row.channel === 'TELEGRAM_GROUP') return deps.groupChatId ?? null;
    if (!row.recipientId) return null;
    const user = await prisma.user.findUnique({
      where: { id: row.recipientId },
      select: { telegramChatId: true, isActive: true, preferences: { select: { telegramDm: true } } },
    });
    return user?.isActive && user.preferences?.telegramDm && user.telegramChatId ? user.telegramChatId : null;
  }

  /** Takes a send slot in the chat, or says when the next one is. */
  async function takeSlot(chatId: string, now: Date): Promise<Date | null> {
    return prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "TelegramChatRate" ("chatId") VALUES (${chatId}) ON CONFLICT DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM "TelegramChatRate" WHERE "chatId" = ${chatId} FOR UPDATE`;
      const state = await tx.telegramChatRate.findUniqueOrThrow({ where: { chatId } });
      const decision = reserveSlot(chatId, state, now, tuning.limits);
      if (!decision.ok) return decision.retryAt;
      await tx.telegramChatRate.update({ where: { chatId }, data: { recentSends: decision.recentSends } });
      return null;
    });
  }

  async function deliver(row: NotificationOutbox): Promise<Outcome> {
    const now = new Date();
    const chatId = await chatOf(row);
    if (!chatId) {
      await prisma.notificationOutbox.updateMany({
        where: mine(row),
        data: { ...release, status: 'DEAD', lastError: 'The recipient has no linked Telegram account or turned direct messages off.' },
      });
      return 'dead';
    }
    const retryAt = await takeSlot(chatId, now);
    if (retryAt) {
      await prisma.notificationOutbox.updateMany({ where: mine(row), data: { ...release, nextAttemptAt: retryAt } });
      return 'deferred';
    }
    try {
      const sent = await send(chatId, row);
      await prisma.notificationOutbox.updateMany({
        where: mine(row),
        data: { ...release, status: 'SENT', sentAt: new Date(), chatId, telegramMessageId: sent.message_id, attempts: { increment: 1 }, lastError: null },
      });
      return 'sent';
    } catch (error) {
      return failed(row, chatId, error);
    }
  }

  async function send(chatId: string, row: NotificationOutbox) {
    if (row.kind === 'DAILY_REPORT') {
      const report = await composeDailyReport(row, deps.frontendUrl, deps.chartFonts ?? []);
      return api.sendPhoto(chatId, new InputFile(report.photo, report.fileName), { caption: report.caption, parse_mode: 'HTML' });
    }
    const message = await composeMessage(prisma, row, { frontendUrl: deps.frontendUrl, timeZone: deps.timeZone });
    return api.sendMessage(chatId, message.text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
    });
  }

  async function failed(row: NotificationOutbox, chatId: string, error: unknown): Promise<Outcome> {
    const now = Date.now();
    const attempts = row.attempts + 1;
    const lastError = describe(error);
    if (error instanceof GrammyError && error.error_code === 429) {
      // Telegram says when: the whole chat waits, and this row is not closer to being parked.
      const until = new Date(now + (error.parameters.retry_after ?? 1) * 1000);
      await prisma.telegramChatRate.update({ where: { chatId }, data: { blockedUntil: until } });
      await prisma.notificationOutbox.updateMany({ where: mine(row), data: { ...release, attempts, lastError, nextAttemptAt: until } });
      return 'failed';
    }
    // 4xx other than 429 (a chat that blocked the bot, a malformed request) will not get better by itself.
    const permanent = error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500;
    if (permanent || attempts >= tuning.maxAttempts) {
      logger.warn(`telegram delivery ${row.id} parked as DEAD: ${lastError}`);
      await prisma.notificationOutbox.updateMany({ where: mine(row), data: { ...release, status: 'DEAD', attempts, lastError } });
      return 'dead';
    }
    const nextAttemptAt = new Date(now + backoffMs(attempts, tuning.backoffBaseMs, tuning.backoffCapMs));
    await prisma.notificationOutbox.updateMany({ where: mine(row), data: { ...release, attempts, lastError, nextAttemptAt } });
    return 'failed';
  }

  /** One pass: claims a batch and tries each row once. Returns how many were sent. */
  async function runOnce(): Promise<number> {
    const rows = await claim(new Date());
    let sent = 0;
    for (const row of rows) if ((await deliver(row)) === 'sent') sent += 1;
    return sent;
  }

  const loop = createTimerLoop({
    pass: runOnce,
    // A pass that sent something may have unblocked the next notice of a ticket: look again at once.
    waitAfter: (sent) => (sent ? 0 : tuning.pollIntervalMs),
    onError: (error) => logger.error('telegram outbox pass failed', error),
  });

  return {
    workerId,
    runOnce,
    start: loop.start,
    /** Waits for the pass in flight; a row it leased but did not finish comes back when the lease ends. */
    stop: loop.stop,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

function describe(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  return error instanceof Error ? error.message : String(error);
}
