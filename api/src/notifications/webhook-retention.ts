// The webhook delivery log's retention: every ticket change writes a delivery per matching webhook, so without a
// sweep the table only grows. Finished deliveries older than their retention are deleted in pages, set-based
// (one DELETE per page, no row comes into Node), on the timer loop every instance runs: SUCCEEDED and SKIPPED
// after WEBHOOK_SUCCEEDED_RETENTION_DAYS, DEAD (kept longer: what an owner investigates) after
// WEBHOOK_DEAD_RETENTION_DAYS; 0 keeps them. PENDING ones are never swept, and neither is a webhook's newest
// delivery, so a quiet endpoint's log still shows how its last attempt went.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import type { WebhookDeliveryStatus } from '../domain/vocabulary.ts';
import type { Logger } from '../logger.ts';
import { createTimerLoop } from './timer-loop.ts';

/** Days a finished delivery is kept, by how it finished; 0: kept for good. */
export type DeliveryRetention = { succeededDays: number; deadDays: number };

export type DeliverySweepOptions = {
  prisma: PrismaClient;
  logger: Logger;
  retention: DeliveryRetention;
  /** Rows per DELETE: short statements, so the sweep never holds many row locks at once. */
  pageSize?: number;
  /** Pages per pass; a pass that used them all is followed by the next at once. */
  pagesPerPass?: number;
  /** The wait between passes once nothing is left to delete. */
  intervalMs?: number;
};

export function createDeliverySweep({ prisma, logger, retention, pageSize = 1000, pagesPerPass = 20, intervalMs = 60 * 60_000 }: DeliverySweepOptions) {
  const rules: [WebhookDeliveryStatus, number][] = [
    ['SUCCEEDED', retention.succeededDays],
    ['SKIPPED', retention.succeededDays],
    ['DEAD', retention.deadDays],
  ];

  /** Deletes one page of a status's expired deliveries; how many it deleted. */
  function deletePage(status: WebhookDeliveryStatus, days: number): Promise<number> {
    return prisma.$executeRaw`
      WITH expired AS (
        SELECT d."id" FROM "WebhookDelivery" d
        WHERE d."status" = ${status}::"WebhookDeliveryStatus"
          AND d."createdAt" < (now() AT TIME ZONE 'UTC') - ${`${days} days`}::interval
          AND EXISTS (SELECT 1 FROM "WebhookDelivery" newer WHERE newer."webhookId" = d."webhookId" AND newer."id" > d."id")
        ORDER BY d."createdAt" LIMIT ${pageSize}
        FOR UPDATE OF d SKIP LOCKED
      )
      DELETE FROM "WebhookDelivery" WHERE "id" IN (SELECT "id" FROM expired)`;
  }

  /** One pass: up to pagesPerPass pages; whether it stopped with pages left to delete. */
  async function runOnce(): Promise<{ deleted: number; more: boolean }> {
    let deleted = 0;
    let pages = 0;
    for (const [status, days] of rules) {
      if (days <= 0) continue;
      for (;;) {
        if (pages >= pagesPerPass) return { deleted, more: true };
        const count = await deletePage(status, days);
        pages += 1;
        deleted += count;
        if (count < pageSize) break;
      }
    }
    if (deleted) logger.info(`${deleted} webhook deliveries past their retention deleted`);
    return { deleted, more: false };
  }

  const loop = createTimerLoop({
    pass: runOnce,
    waitAfter: (result) => (result?.more ? 0 : intervalMs),
    onError: (error) => logger.error('webhook delivery sweep failed', error),
  });

  return { runOnce, start: loop.start, stop: loop.stop };
}

export type DeliverySweep = ReturnType<typeof createDeliverySweep>;
