// The daily report: queued once per local day however many instances look, delivered through the outbox to the
// fake Bot API as a photo (a real PNG) whose caption carries figures computed here by hand from a fixed data set.
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../src/db/generated/prisma/client.ts';
import { createDailyReportScheduler } from '../src/notifications/daily-report.ts';
import { CHART_HEIGHT, CHART_WIDTH } from '../src/notifications/report-chart.ts';
import type { TestApp } from './support/app.ts';
import { eventually, type FakeTelegram } from './support/fake-telegram.ts';
import { extraWorker, GROUP_CHAT_ID, startTelegramTestApp } from './support/telegram-app.ts';

let t: TestApp;
let fake: FakeTelegram;

const TIME_ZONE = 'Asia/Manila'; // UTC+8, no daylight saving
/** 08:30 in Manila on Monday 30 November 2026: the report about Sunday the 29th is due. */
const NOW = new Date('2026-11-30T00:30:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  ({ t, fake } = await startTelegramTestApp({ REPORT_TIMEZONE: TIME_ZONE, DAILY_REPORT_TIME: '08:00' }));
  const { prisma } = t.db;
  const marketer = await prisma.user.findUniqueOrThrow({ where: { username: 'marketer' }, select: { id: true, departmentId: true } });
  const product = await prisma.product.create({ data: { name: 'Ad set', category: 'ADS' } });
  const at = (iso: string) => new Date(iso);
  // Local day 29 November in Manila is [28 Nov 16:00Z, 29 Nov 16:00Z).
  const tickets: (Partial<Prisma.TicketUncheckedCreateInput> & { title: string })[] = [
    // A: created yesterday, in progress and overdue.
    { title: 'A', createdAt: at('2026-11-29T01:00:00Z'), status: 'IN_PROGRESS', dueDate: at('2026-11-01T00:00:00Z'), criteria: 'IMAGE' },
    // B: created the day before (23:30 local), completed yesterday just after midnight local: 5 images.
    { title: 'B', createdAt: at('2026-11-28T15:30:00Z'), completedAt: at('2026-11-28T16:30:00Z'), status: 'COMPLETED', criteria: 'IMAGE', quantity: 5 },
    // D: created on the 10th, completed today (01:00 local): not yesterday's.
    { title: 'D', createdAt: at('2026-11-10T02:00:00Z'), completedAt: at('2026-11-29T17:00:00Z'), status: 'COMPLETED', criteria: 'VIDEO', quantity: 2 },
    // E: created and completed yesterday, but in the trash: counted nowhere.
    {
      title: 'E',
      createdAt: at('2026-11-29T02:00:00Z'),
      completedAt: at('2026-11-29T03:00:00Z'),
      status: 'COMPLETED',
      criteria: 'VIDEO',
      quantity: 50,
      deletedAt: at('2026-11-29T04:00:00Z'),
    },
    // F: completed on the 20th, then sent back for revision (completedAt cleared): in progress.
    { title: 'F', createdAt: at('2026-11-05T03:00:00Z'), status: 'IN_PROGRESS', revisionCount: 1, criteria: 'VIDEO', quantity: 4 },
    // G: 01:00 local on 1 November: this month's.
    { title: 'G', createdAt: at('2026-10-31T17:00:00Z'), status: 'REQUESTED' },
    // H: 23:00 local on 31 October (last month's), completed on 3 November: 10 images.
    { title: 'H', createdAt: at('2026-10-31T15:00:00Z'), completedAt: at('2026-11-03T04:00:00Z'), status: 'CLOSED', criteria: 'IMAGE', quantity: 10 },
    { title: 'I', createdAt: at('2026-11-20T04:00:00Z'), status: 'PENDING_CREATIVE' },
    // J: 23:59 local yesterday; due far ahead.
    { title: 'J', createdAt: at('2026-11-29T15:59:00Z'), status: 'APPROVED', dueDate: at('2099-01-01T00:00:00Z') },
    { title: 'K', createdAt: at('2026-11-15T04:00:00Z'), status: 'REJECTED', dueDate: at('2026-11-16T00:00:00Z') },
  ];
  for (const ticket of tickets) {
    await prisma.ticket.create({ data: { requesterId: marketer.id, departmentId: marketer.departmentId as string, ...ticket } });
  }
  // C: created and closed yesterday, an ADS request whose output is its product items: 3 videos and 4 images.
  await prisma.ticket.create({
    data: {
      title: 'C',
      requesterId: marketer.id,
      departmentId: marketer.departmentId as string,
      requestType: 'ADS',
      quantity: 7,
      createdAt: at('2026-11-29T10:00:00Z'),
      completedAt: at('2026-11-29T12:00:00Z'),
      status: 'CLOSED',
      productItems: {
        create: [
          { productId: product.id, quantity: 3, criteria: 'VIDEO' },
          { productId: (await prisma.product.create({ data: { name: 'Banner set', category: 'ADS' } })).id, quantity: 4, criteria: 'IMAGE' },
        ],
      },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

// By hand, for Sunday 29 November (29 days of the month so far):
// created yesterday A, C, J = 3 (B was the 28th local, E is trashed); this month A B C D F G I J K = 9 (H: October).
// completed yesterday B, C = 2 (D: today local); output 5 + 4 = 9 images, 3 videos. This month B C H = 3;
// 19 images, 3 videos. Averages over 29 days: 9/29 = 0.3, 3/29 = 0.1, 19/29 = 0.7, 3/29 = 0.1.
// Queue now: G requested, I pending Creative, J approved, A and F in progress; A overdue (K is rejected).
const EXPECTED_CAPTION = [
  '📊 <b>Daily report: Sunday, 29 November 2026</b>',
  "Created: <b>3</b> (month's daily average 0.3)",
  'Completed: <b>2</b> (average 0.1)',
  'Output: <b>9 images, 3 videos</b> (average 0.7 images, 0.1 videos)',
  'Queue now: 1 awaiting department approval, 1 awaiting Creative approval, 1 approved, 2 in progress; <b>1 overdue</b>',
  '<a href="https://tickets.example.com/analytics">Open analytics</a>',
].join('\n');

describe('the daily report', () => {
  it('is not due before the report time', async () => {
    const scheduler = t.app.notices.dailyReport;
    expect(scheduler).not.toBeNull();
    expect(await scheduler?.runOnce(new Date('2026-11-29T23:59:00Z'))).toBe(false); // 07:59 in Manila
    expect(await t.db.prisma.notificationOutbox.count({ where: { kind: 'DAILY_REPORT' } })).toBe(0);
  });

  it('is sent once with two instances looking and two workers delivering, as a PNG with the hand-computed figures', async () => {
    const { prisma } = t.db;
    // A second instance: its own scheduler and outbox worker on the same database.
    const other = createDailyReportScheduler({ prisma, logger: silent, schedule: { timeZone: TIME_ZONE, hour: 8, minute: 0 } });
    const otherWorker = extraWorker(t, fake);
    otherWorker.start();
    try {
      const mine = t.app.notices.dailyReport;
      const queued = await Promise.all([mine?.runOnce(NOW), other.runOnce(NOW), mine?.runOnce(NOW), other.runOnce(NOW)]);
      expect(queued.filter(Boolean)).toHaveLength(1);
      // Later the same day, every instance finds it done.
      expect(await other.runOnce(new Date('2026-11-30T09:00:00Z'))).toBe(false);

      const row = await eventually(async () => {
        const rows = await prisma.notificationOutbox.findMany({ where: { kind: 'DAILY_REPORT' } });
        return rows.length === 1 && rows[0]?.status === 'SENT' && rows[0];
      }, 'the daily report to be delivered');
      // Give the second worker a few more passes to (wrongly) send it again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const photos = fake.ok('sendPhoto');
      expect(photos).toHaveLength(1);
      const call = photos[0]!;
      expect(row.telegramMessageId).toBe(call.messageId);
      expect(String(call.body.chat_id)).toBe(GROUP_CHAT_ID);
      expect(call.body.parse_mode).toBe('HTML');
      expect(call.body.caption).toBe(EXPECTED_CAPTION);

      const upload = call.files.find((file) => `attach://${file.field}` === call.body.photo);
      expect(upload?.fileName).toBe('daily-report-2026-11-29.png');
      const png = upload!.bytes;
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(imageSize(png)).toMatchObject({ type: 'png', width: CHART_WIDTH, height: CHART_HEIGHT });

      // The chart's two weeks: the 16th to the 29th, B on the 28th (its creation), yesterday as in the caption.
      const payload = row.payload as { title: string; trend: { day: string; created: number; completed: number; output: { image: number; video: number } }[] };
      expect(payload.title).toBe('Daily report: Sunday, 29 November 2026'); // what admins see in notificationDeliveries
      expect(payload.trend.map((point) => point.day)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-11-${String(16 + i).padStart(2, '0')}`));
      expect(payload.trend.find((point) => point.day === '2026-11-28')).toEqual({
        day: '2026-11-28',
        created: 1,
        completed: 0,
        output: { image: 0, video: 0, other: 0 },
      });
      expect(payload.trend.find((point) => point.day === '2026-11-29')).toEqual({
        day: '2026-11-29',
        created: 3,
        completed: 2,
        output: { image: 9, video: 3, other: 0 },
      });
      expect(payload.trend.find((point) => point.day === '2026-11-20')).toMatchObject({ created: 1, completed: 0 });
    } finally {
      await otherWorker.stop();
    }
  });

  it('comes again the next day, about that day', async () => {
    const next = new Date('2026-12-01T00:05:00Z'); // 08:05 on 1 December in Manila
    expect(await t.app.notices.dailyReport?.runOnce(next)).toBe(true);
    const rows = await t.db.prisma.notificationOutbox.findMany({ where: { kind: 'DAILY_REPORT' }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => (row.payload as { day: string }).day)).toEqual(['2026-11-29', '2026-11-30']);
  });
});
