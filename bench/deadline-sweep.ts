// Deadline sweep benchmark: the deadline scheduler's pass (api/src/notifications/deadline-scheduler.ts) run
// in-process on the board benchmark's database. First one pass clears whatever is due (its time, statements
// and notices sent), then N passes with nothing to send, each timed for Node CPU (process.cpuUsage) and wall
// time, and the EXPLAIN (ANALYZE, BUFFERS) of the page query those passes run. Numbers only, no assertions.
//
//   npm run bench:sweep                                   # DATABASE_URL's server, else postgres@127.0.0.1:5432
//   npm run bench:sweep -- --tickets 1000000 --passes 20
//   npm run bench:sweep -- --backlog                      # forget the window's notices first: never swept
//
// With --backlog the first pass sends again every notice of the catch-up and reminder windows (what a database
// that was never swept would get; older deadlines are left alone by design). The notifications and outbox rows
// the bench's passes wrote are deleted at the end, so the shared database stays as seeded (its DeadlineNotice
// rows stay: they are what a running system would have).
import { parseArgs } from 'node:util';
import { openDatabase } from '../api/src/db/client.ts';
import { Prisma } from '../api/src/db/generated/prisma/client.ts';
import { LOCAL_POSTGRES_URL } from '../api/src/db/scratch-database.ts';
import { DEFAULT_CATCH_UP_MS, noticeWindow } from '../api/src/domain/deadline-notices.ts';
import { DONE_STATUSES } from '../api/src/domain/vocabulary.ts';
import { createLogger } from '../api/src/logger.ts';
import { createDeadlineScheduler, deadlineSweepSql } from '../api/src/notifications/deadline-scheduler.ts';
import { boardDatabase, describeData } from './board-data.ts';
import { median, positiveInt, printHeader, runBenchmark } from './harness.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    passes: { type: 'string', default: '20' },
    'page-size': { type: 'string', default: '200' },
    'lead-hours': { type: 'string', default: '24' },
    backlog: { type: 'boolean', default: false },
  },
});
const TICKETS = positiveInt(args.tickets, '--tickets');
const PASSES = positiveInt(args.passes, '--passes');
const PAGE_SIZE = positiveInt(args['page-size'], '--page-size');
const timing = { reminderLeadMs: positiveInt(args['lead-hours'], '--lead-hours') * 3600_000, catchUpMs: DEFAULT_CATCH_UP_MS };
const DEADLINE_KINDS = ['DEADLINE_REMINDER', 'TICKET_OVERDUE'] as const;

const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  printHeader('Deadline sweep benchmark');
  const serverUrl = process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const data = await boardDatabase(serverUrl, TICKETS, { fresh: false, log: (line) => console.log(`  ${line}`) });
  console.log(`  data:       ${describeData(data)}`);

  let statements = 0;
  const db = await openDatabase({ kind: 'postgres', url: data.url, onQuery: () => (statements += 1) });
  const { prisma } = db;
  const started = new Date();
  const written: string[] = [];
  try {
    const { from, until } = noticeWindow(started, timing);
    const openWork = { deletedAt: null, status: { notIn: [...DONE_STATUSES] } };
    const [open, inWindow] = await Promise.all([
      prisma.ticket.count({ where: openWork }),
      prisma.ticket.count({ where: { ...openWork, dueDate: { gt: from, lte: until } } }),
    ]);
    console.log(`  window:     due dates after ${from.toISOString()} up to ${until.toISOString()}: ${inWindow} of ${open} open tickets`);
    if (args.backlog) {
      // Exactly the notices the first pass sends again (the one each ticket in the window is due now), so the
      // database ends as it was.
      const forgotten = await prisma.$executeRaw`
        DELETE FROM "DeadlineNotice" n
        WHERE n."dueDate" > ${utc(from)} AND n."dueDate" <= ${utc(until)}
          AND n."kind" = (CASE WHEN n."dueDate" <= ${utc(started)} THEN 'TICKET_OVERDUE' ELSE 'DEADLINE_REMINDER' END)::"NotificationKind"`;
      console.log(`  --backlog:  forgot ${forgotten} notices of the window`);
    }

    const scheduler = createDeadlineScheduler({
      prisma,
      sink: (effects) => written.push(...effects.notifications.map((notification) => notification.id)),
      logger: createLogger('error'),
      reminderLeadMs: timing.reminderLeadMs,
      catchUpMs: timing.catchUpMs,
      pageSize: PAGE_SIZE,
    });

    // The pass that clears the backlog.
    statements = 0;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const sent = await scheduler.runOnce();
    const wall = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `\nfirst pass:   ${sent} notices sent in ${ms(wall)} wall, ${ms((cpu.user + cpu.system) / 1000)} Node CPU, ${statements} statements ` +
        `(pages of ${PAGE_SIZE})`,
    );

    // Passes with nothing to send (a notice that falls due between passes is sent and counted).
    const cpus: number[] = [];
    const walls: number[] = [];
    const perPass: number[] = [];
    let late = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      statements = 0;
      const before = process.cpuUsage();
      const at = performance.now();
      late += await scheduler.runOnce();
      walls.push(performance.now() - at);
      const used = process.cpuUsage(before);
      cpus.push((used.user + used.system) / 1000);
      perPass.push(statements);
    }
    const range = (values: number[]) => `median ${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`;
    console.log(`idle passes:  ${PASSES}, ${late} notices fell due meanwhile, statements per pass ${median(perPass)}`);
    console.log(`  Node CPU:   ${range(cpus)}`);
    console.log(`  wall:       ${range(walls)}`);

    const explained = await prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${deadlineSweepSql(new Date(), timing).page(undefined, PAGE_SIZE)}`,
    );
    console.log('\nthe page query (EXPLAIN ANALYZE of an idle pass):');
    for (const row of explained) console.log(`  ${row['QUERY PLAN']}`);
  } finally {
    // The rows the passes wrote besides their claims; the database stays as the board benchmark seeded it.
    let notifications = 0;
    let outbox = 0;
    // In chunks: a backlog pass at a million tickets writes more rows than one statement may name.
    for (let start = 0; start < written.length; start += 10_000) {
      const ids = written.slice(start, start + 10_000);
      const tickets = await prisma.notification.findMany({ where: { id: { in: ids } }, distinct: ['ticketId'], select: { ticketId: true } });
      const ticketIds = tickets.flatMap((row) => (row.ticketId ? [row.ticketId] : []));
      notifications += (await prisma.notification.deleteMany({ where: { id: { in: ids } } })).count;
      outbox += (
        await prisma.notificationOutbox.deleteMany({ where: { kind: { in: [...DEADLINE_KINDS] }, ticketId: { in: ticketIds }, createdAt: { gte: started } } })
      ).count;
    }
    console.log(`\ncleaned up:   ${notifications} notifications and ${outbox} outbox rows the passes wrote`);
    await db.close();
  }
}

await runBenchmark(main);
