// The daily report to the team's group. Every instance looks each minute whether today's report (about
// yesterday, in REPORT_TIMEZONE) is due; the first to insert that day's DailyReport row (ON CONFLICT DO NOTHING,
// in the transaction that writes the outbox row) queues it, the others find nothing to do. The outbox worker
// delivers it like any group notice (rate limits, retries, DEAD after failures), as a photo: the chart is drawn
// from the row's figures when it is sent, so the row stays small and a retry sends the same picture.
import type { NotificationOutbox, Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { type DailyReportFigures, type DailyReportSchedule, dailyReportCaption, dayTitle, dueReportDay } from '../domain/daily-report.ts';
import type { Logger } from '../logger.ts';
import { dailyReportFigures } from '../services/daily-report.ts';
import { createTimerLoop } from './timer-loop.ts';

export type DailyReportSchedulerDeps = {
  prisma: PrismaClient;
  logger: Logger;
  schedule: DailyReportSchedule;
  intervalMs?: number;
};

export function createDailyReportScheduler({ prisma, logger, schedule, intervalMs = 60_000 }: DailyReportSchedulerDeps) {
  /** Queues the report due at `now` unless some instance already did; true when this call queued it. */
  async function runOnce(now = new Date()): Promise<boolean> {
    const day = dueReportDay(now, schedule);
    if (!day) return false;
    const key = new Date(`${day}T00:00:00Z`);
    // The common case every minute of the day: already queued, one primary-key lookup.
    if (await prisma.dailyReport.findUnique({ where: { day: key }, select: { day: true } })) return false;
    const figures = await dailyReportFigures(prisma, day, schedule.timeZone);
    const queued = await prisma.$transaction(async (tx) => {
      const claimed = await tx.dailyReport.createMany({ data: [{ day: key }], skipDuplicates: true });
      if (claimed.count !== 1) return false;
      // title and ticketNumber as every outbox payload has them (the admins' list of deliveries shows them).
      const payload = { title: `Daily report: ${dayTitle(day)}`, ticketNumber: null, ...figures };
      await tx.notificationOutbox.create({
        data: { channel: 'TELEGRAM_GROUP', kind: 'DAILY_REPORT', payload: payload as unknown as Prisma.InputJsonObject },
      });
      return true;
    });
    if (queued) logger.info(`daily report for ${day} queued`);
    return queued;
  }

  const loop = createTimerLoop({
    pass: () => runOnce(),
    waitAfter: () => intervalMs,
    onError: (error) => logger.error('daily report pass failed', error),
  });

  return { runOnce, start: loop.start, stop: loop.stop };
}

export type DailyReportScheduler = ReturnType<typeof createDailyReportScheduler>;

/** The photo and caption of a DAILY_REPORT outbox row. The chart's module (ECharts) loads on the first report, not at start-up. */
export async function composeDailyReport(row: NotificationOutbox, frontendUrl: string | undefined, fontFiles: readonly string[]) {
  const figures = row.payload as unknown as DailyReportFigures;
  const { renderDailyReportChart } = await import('./report-chart.ts');
  return {
    fileName: `daily-report-${figures.day}.png`,
    photo: renderDailyReportChart(figures, fontFiles),
    caption: dailyReportCaption(figures, frontendUrl),
  };
}
