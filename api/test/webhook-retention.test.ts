// The delivery log's retention sweep (notifications/webhook-retention.ts) on the real database: finished
// deliveries past their retention go, in pages, while pending ones, recent ones and each webhook's newest stay.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDeliveryStatus } from '../src/domain/vocabulary.ts';
import { createLogger } from '../src/logger.ts';
import { createDeliverySweep } from '../src/notifications/webhook-retention.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { type Sessions, signInEveryone } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp({ env: { WEBHOOK_SUCCEEDED_RETENTION_DAYS: '10', WEBHOOK_DEAD_RETENTION_DAYS: '0' }, app: { webhooks: { dispatcher: false } } });
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const DAY = 86_400_000;

async function webhook(): Promise<string> {
  const row = await t.db.prisma.webhook.create({
    data: { ownerId: s.admin.id, url: 'http://127.0.0.1:9/hook', events: ['CREATED'], secret: 'whsec_dGVzdA==', enabled: false },
  });
  return row.id;
}

/** Writes deliveries in the order given (ids rise with it), each `daysAgo` old; answers their ids by label. */
async function deliveries(webhookId: string, rows: [label: string, status: WebhookDeliveryStatus, daysAgo: number][]) {
  const ids = new Map<string, bigint>();
  for (const [label, status, daysAgo] of rows) {
    const row = await t.db.prisma.webhookDelivery.create({
      data: { webhookId, eventId: 1n, eventType: 'CREATED', ticketId: randomUUID(), status, createdAt: new Date(Date.now() - daysAgo * DAY) },
    });
    ids.set(label, row.id);
  }
  return ids;
}

const remaining = async (webhookId: string) =>
  (await t.db.prisma.webhookDelivery.findMany({ where: { webhookId }, select: { id: true }, orderBy: { id: 'asc' } })).map((row) => row.id);

const sweep = (options: Partial<Parameters<typeof createDeliverySweep>[0]> = {}) =>
  createDeliverySweep({ prisma: t.db.prisma, logger: createLogger('silent'), retention: { succeededDays: 30, deadDays: 90 }, ...options });

describe('webhook delivery retention', () => {
  it("deletes finished deliveries past their retention, in pages, and keeps pending, recent and each webhook's newest", async () => {
    const busy = await webhook();
    const quiet = await webhook();
    const old = Array.from({ length: 5 }, (_, index): [string, WebhookDeliveryStatus, number] => [`old success ${index}`, 'SUCCEEDED', 60]);
    const ids = await deliveries(busy, [
      ...old,
      ['old skipped', 'SKIPPED', 45],
      ['dead past 90 days', 'DEAD', 120],
      ['dead within 90 days', 'DEAD', 45],
      ['old pending', 'PENDING', 45],
      ['recent success', 'SUCCEEDED', 2],
    ]);
    // The quiet webhook's only delivery is old: it stays, as the newest of its log.
    const quietIds = await deliveries(quiet, [['only', 'SUCCEEDED', 60]]);

    // Pages of 2: the 5 old successes take 3 statements, all within the pass.
    expect(await sweep({ pageSize: 2 }).runOnce()).toEqual({ deleted: 7, more: false });
    expect(await remaining(busy)).toEqual([ids.get('dead within 90 days'), ids.get('old pending'), ids.get('recent success')]);
    expect(await remaining(quiet)).toEqual([quietIds.get('only')]);
    expect(await sweep().runOnce()).toEqual({ deleted: 0, more: false });
  });

  it('stops a pass after its pages and says more is left; a retention of 0 keeps everything', async () => {
    const id = await webhook();
    await deliveries(id, [
      ['a', 'SUCCEEDED', 40],
      ['b', 'SUCCEEDED', 40],
      ['c', 'SUCCEEDED', 40],
      ['newest', 'DEAD', 200],
    ]);
    expect(await sweep({ retention: { succeededDays: 0, deadDays: 0 } }).runOnce()).toEqual({ deleted: 0, more: false });
    expect(await sweep({ pageSize: 1, pagesPerPass: 2 }).runOnce()).toEqual({ deleted: 2, more: true });
    expect(await sweep().runOnce()).toEqual({ deleted: 1, more: false });
    expect(await remaining(id)).toHaveLength(1);
  });

  it('runs in the app with the configured retention (WEBHOOK_SUCCEEDED_RETENTION_DAYS 10, WEBHOOK_DEAD_RETENTION_DAYS 0 here)', async () => {
    const id = await webhook();
    const ids = await deliveries(id, [
      ['success 20 days', 'SUCCEEDED', 20],
      ['dead 1000 days', 'DEAD', 1000],
      ['success 5 days', 'SUCCEEDED', 5],
      ['newest', 'SUCCEEDED', 0],
    ]);
    await t.app.deliverySweep.runOnce();
    expect(await remaining(id)).toEqual([ids.get('dead 1000 days'), ids.get('success 5 days'), ids.get('newest')]);
  });
});
