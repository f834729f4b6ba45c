// Moves what the seed wrote into the past. The services stamp everything "now" (and refuse a past due date),
// so the seed performs its steps in demo-time order and marks on a clock when each step starts; afterwards
// every timestamp is moved by the shift of the step that wrote it, with one UPDATE per table.
import type { Prisma } from '../db/generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Notifications older than this were read by now; newer ones wait in the bell. */
const READ_AFTER_MS = 2 * DAY;

export type SeedClock = {
  /** What follows happens at `demoTime`; returns the shift (ms) from real time to demo time for it. */
  enter(demoTime: Date): Promise<number>;
  /** Where a timestamp the seed wrote lands in demo time. */
  toDemo(real: Date): Date;
};

export function createSeedClock(): SeedClock {
  const segments: { realFrom: number; shift: number }[] = [];
  return {
    async enter(demoTime) {
      // Each step needs its own millisecond, so every timestamp belongs to exactly one step.
      let realFrom = Date.now();
      while (realFrom <= (segments.at(-1)?.realFrom ?? Number.NEGATIVE_INFINITY)) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        realFrom = Date.now();
      }
      const shift = demoTime.getTime() - realFrom;
      segments.push({ realFrom, shift });
      return shift;
    },
    toDemo(real) {
      const time = real.getTime();
      let low = 0;
      let high = segments.length - 1;
      let found: (typeof segments)[number] | undefined;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const segment = segments[middle];
        if (segment && segment.realFrom <= time) {
          found = segment;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return found ? new Date(time + found.shift) : real;
    },
  };
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

/** Ticket times stamped by the step that wrote them. */
const STAMPS = [
  'createdAt',
  'updatedAt',
  'reachedCreativeAt',
  'deptApprovedAt',
  'creativeApprovedAt',
  'assignedAt',
  'startedAt',
  'completedAt',
  'closedAt',
  'rejectedAt',
] as const;
/** Ticket times planned relative to a step (a deadline, a shoot); also fields of history snapshots and changes. */
const PLANNED = ['dueDate', 'scheduledStart', 'scheduledEnd'] as const;
const isPlanned = (field: string) => (PLANNED as readonly string[]).includes(field);

type SqlType = 'uuid' | 'bigint' | 'timestamp(3)' | 'jsonb' | 'text' | 'integer' | '"OutboxStatus"';

/** Tables whose times were all stamped by the step that wrote the row (Ticket, history and messages need more). */
const STAMPED_TABLES: { table: string; key: Record<string, SqlType>; stamps: string[] }[] = [
  { table: 'Department', key: { id: 'uuid' }, stamps: ['createdAt', 'updatedAt'] },
  { table: 'User', key: { id: 'uuid' }, stamps: ['createdAt', 'updatedAt', 'approvedAt'] },
  { table: 'Product', key: { id: 'uuid' }, stamps: ['createdAt', 'updatedAt'] },
  { table: 'TicketCollaborator', key: { ticketId: 'uuid', userId: 'uuid' }, stamps: ['createdAt'] },
  { table: 'Comment', key: { id: 'uuid' }, stamps: ['createdAt', 'updatedAt'] },
  { table: 'ActivityLog', key: { id: 'bigint' }, stamps: ['createdAt'] },
];

/** UPDATE "table" from one JSON parameter holding every row: one statement however many rows. */
async function writeRows(
  tx: Tx,
  table: string,
  key: Record<string, SqlType>,
  columns: Record<string, SqlType>,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  // Identifiers come from this file's constants, never from input.
  const definition = Object.entries({ ...key, ...columns }).map(([name, type]) => `"${name}" ${type}`);
  const assignments = Object.keys(columns).map((name) => `"${name}" = v."${name}"`);
  const match = Object.keys(key).map((name) => `t."${name}" = v."${name}"`);
  const json = JSON.stringify(rows, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  await tx.$executeRawUnsafe(
    `UPDATE "${table}" AS t SET ${assignments.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS v(${definition.join(', ')}) WHERE ${match.join(' AND ')}`,
    json,
  );
}

/**
 * Moves every row the seed wrote from real time to demo time. Stamps (createdAt, approvedAt, ...) move with
 * the step that wrote them; planned times (due dates, schedules, and the dates quoted in history and
 * messages) move with the step that set them, given per ticket in `plannedShifts`. Seeded notifications older
 * than two days are marked read, and the Telegram outbox is marked delivered so no worker replays a month of
 * made-up history into a real chat.
 */
export async function backdateSeed(tx: Tx, clock: SeedClock, plannedShifts: ReadonlyMap<string, number>, now: Date): Promise<void> {
  const at = (value: Date) => clock.toDemo(value);
  const atOrNull = (value: Date | null) => (value ? at(value) : null);
  const shiftOf = (ticketId: string | null) => (ticketId ? plannedShifts.get(ticketId) : undefined);
  const planned = (ticketId: string | null, value: Date | null) => {
    const shift = shiftOf(ticketId);
    return value && shift !== undefined ? new Date(value.getTime() + shift) : value;
  };
  const plannedText = (ticketId: string | null, text: string) => {
    const shift = shiftOf(ticketId);
    return shift === undefined ? text : text.replace(ISO_TIME, (iso) => new Date(Date.parse(iso) + shift).toISOString());
  };
  const plannedJson = (ticketId: string, value: unknown) => (typeof value === 'string' ? plannedText(ticketId, value) : value);

  // Tables whose every time was stamped by a step: read, move, write back.
  for (const { table, key, stamps } of STAMPED_TABLES) {
    const columns = [...Object.keys(key), ...stamps].map((column) => `"${column}"`).join(', ');
    const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${columns} FROM "${table}"`);
    const moved = rows.map((row) => ({
      ...row,
      ...Object.fromEntries(stamps.map((column) => [column, row[column] instanceof Date ? at(row[column]) : row[column]])),
    }));
    await writeRows(tx, table, key, Object.fromEntries(stamps.map((column) => [column, 'timestamp(3)' as const])), moved);
  }

  const ticketSelect = Object.fromEntries([...STAMPS, ...PLANNED, 'id'].map((column) => [column, true])) as Record<
    (typeof STAMPS)[number] | (typeof PLANNED)[number] | 'id',
    true
  >;
  const tickets = await tx.ticket.findMany({ select: ticketSelect });
  await writeRows(
    tx,
    'Ticket',
    { id: 'uuid' },
    Object.fromEntries([...STAMPS, ...PLANNED].map((column) => [column, 'timestamp(3)' as const])),
    tickets.map((row) => ({
      id: row.id,
      ...Object.fromEntries(STAMPS.map((column) => [column, atOrNull(row[column])])),
      ...Object.fromEntries(PLANNED.map((column) => [column, planned(row.id, row[column])])),
    })),
  );

  const history = await tx.ticketHistory.findMany({ select: { id: true, ticketId: true, createdAt: true, snapshot: true, changes: true } });
  await writeRows(
    tx,
    'TicketHistory',
    { id: 'uuid' },
    { createdAt: 'timestamp(3)', snapshot: 'jsonb', changes: 'jsonb' },
    history.map((row) => {
      const snapshot = { ...(row.snapshot as Record<string, unknown>) };
      for (const field of PLANNED) if (field in snapshot) snapshot[field] = plannedJson(row.ticketId, snapshot[field]);
      const changes = (row.changes as { field: string; from: unknown; to: unknown }[]).map((change) =>
        isPlanned(change.field) ? { ...change, from: plannedJson(row.ticketId, change.from), to: plannedJson(row.ticketId, change.to) } : change,
      );
      return { id: row.id, createdAt: at(row.createdAt), snapshot, changes };
    }),
  );

  const notifications = await tx.notification.findMany({ select: { id: true, ticketId: true, body: true, createdAt: true } });
  await writeRows(
    tx,
    'Notification',
    { id: 'uuid' },
    { createdAt: 'timestamp(3)', readAt: 'timestamp(3)', body: 'text' },
    notifications.map((row) => {
      const createdAt = at(row.createdAt);
      const read = now.getTime() - createdAt.getTime() > READ_AFTER_MS;
      return { id: row.id, createdAt, readAt: read ? new Date(createdAt.getTime() + 3 * HOUR) : null, body: plannedText(row.ticketId, row.body) };
    }),
  );

  const outbox = await tx.notificationOutbox.findMany({ select: { id: true, ticketId: true, payload: true, createdAt: true } });
  await writeRows(
    tx,
    'NotificationOutbox',
    { id: 'bigint' },
    { createdAt: 'timestamp(3)', nextAttemptAt: 'timestamp(3)', sentAt: 'timestamp(3)', status: '"OutboxStatus"', attempts: 'integer', payload: 'jsonb' },
    outbox.map((row) => {
      const createdAt = at(row.createdAt);
      const payload = { ...(row.payload as Record<string, unknown>) };
      if (typeof payload.body === 'string') payload.body = plannedText(row.ticketId, payload.body);
      return { id: row.id, createdAt, nextAttemptAt: createdAt, sentAt: new Date(createdAt.getTime() + 2_000), status: 'SENT', attempts: 1, payload };
    }),
  );
}
