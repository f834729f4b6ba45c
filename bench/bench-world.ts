// The world both database benchmarks describe (bench/board.ts, bench/dashboard-stats.ts): three departments,
// 30 users, and N tickets shaped like real traffic with ~10% collaborators, built with set-based SQL (seconds
// at 100,000). One definition, so the board's and the dashboard's numbers are about the same data. Every
// statement goes through a plain `Sql` executor, so a seed can run on Prisma (triggers keep the counters) or
// on one node-postgres session inside a transaction (bench/board-data.ts, with the triggers off).
import { hashPassword } from '../api/src/auth/passwords.ts';
import type { PrismaClient } from '../api/src/db/generated/prisma/client.ts';
import type { Role } from '../api/src/domain/viewer.ts';

/** Runs one statement; answers how many rows it wrote. */
export type Sql = (text: string, params?: readonly unknown[]) => Promise<number>;

export const prismaSql =
  (prisma: PrismaClient): Sql =>
  (text, params = []) =>
    prisma.$executeRawUnsafe(text, ...params);

export const BENCH_PASSWORD = 'bench-password-123';

export type SeedUser = { username: string; role: Role; department: string | null };

export const DEPARTMENTS = [
  { name: 'Creative', isCreative: true },
  { name: 'Marketing', isCreative: false },
  { name: 'Sales', isCreative: false },
] as const;

export function seedUsers(): SeedUser[] {
  const members = (department: string, prefix: string, count: number): SeedUser[] =>
    Array.from({ length: count }, (_, i) => ({
      username: `${prefix}.member${String(i + 1).padStart(2, '0')}`,
      role: 'MEMBER' as const,
      department,
    }));
  return [
    { username: 'admin', role: 'ADMIN', department: null },
    { username: 'creative.manager1', role: 'MANAGER', department: 'Creative' },
    { username: 'creative.manager2', role: 'MANAGER', department: 'Creative' },
    ...members('Creative', 'creative', 8),
    { username: 'marketing.manager', role: 'MANAGER', department: 'Marketing' },
    ...members('Marketing', 'marketing', 9),
    { username: 'sales.manager', role: 'MANAGER', department: 'Sales' },
    ...members('Sales', 'sales', 8),
  ];
}

/**
 * A new id as the app makes them (Prisma's uuid(7)): the clock's milliseconds first, then random bits. Rows a
 * statement inserts get rising ids, so a bulk insert appends to the primary key's index instead of writing all
 * over it (random ids into a 3,000,000-row Comment key took 134 s for 450,000 replies).
 */
export const UUID7 = `(lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(replace(gen_random_uuid()::text, '-', ''), 14))::uuid`;

/** A deterministic pseudo-random integer in [0, mod) from an integer expression and a salt. */
export const h = (expr: string, salt: string, mod: number | string) => `((hashtext(${expr} || ':${salt}') & 2147483647) % ${mod})`;

// Every ticket's requester is user (i mod #users) by username order, so each user requests 1/#users of them;
// the department is the requester's (the admin's tickets go round the departments); makers are Creative members.
// Due dates are 1-30 days after creation (10% none), so open tickets past theirs are overdue; 1% is trashed.
export const SEED_TICKETS_SQL = `
WITH people AS (
  SELECT u.id, u."departmentId", (row_number() OVER (ORDER BY u.username) - 1)::int AS k FROM "User" u
),
makers AS (
  SELECT u.id, (row_number() OVER (ORDER BY u.username) - 1)::int AS k
  FROM "User" u JOIN "Department" d ON d.id = u."departmentId"
  WHERE d."isCreative" AND u.role = 'MEMBER'
),
depts AS (
  SELECT d.id, (row_number() OVER (ORDER BY d.name) - 1)::int AS k FROM "Department" d
),
base AS (
  SELECT i,
         ${h('i', 'status', 100)} AS s,
         ${h('i', 'priority', 100)} AS p,
         ${h('i', 'type', 7)} AS rt,
         ${h('i', 'maker', '$2::int')} AS mk,
         ${h('i', 'due', 100)} AS due,
         ${h('i', 'trash', 100)} AS trash,
         ${h('i', 'age', 84 * 86400)} AS age_s,
         ${h('i', 'took', 14 * 86400)} * interval '1 second' AS took,
         now_utc
  FROM generate_series(1, $1::int) AS i, (SELECT now() AT TIME ZONE 'UTC' AS now_utc) AS clock
),
shaped AS (
  SELECT b.*,
         CASE WHEN s < 12 THEN 'REQUESTED' WHEN s < 22 THEN 'PENDING_CREATIVE' WHEN s < 32 THEN 'APPROVED'
              WHEN s < 47 THEN 'IN_PROGRESS' WHEN s < 72 THEN 'COMPLETED' WHEN s < 92 THEN 'CLOSED'
              ELSE 'REJECTED' END AS st,
         -- Open work is recent (last 3 weeks); finished and rejected tickets spread over the 12 weeks.
         now_utc - (CASE WHEN s < 47 THEN age_s % (21 * 86400) ELSE age_s END) * interval '1 second' AS created
  FROM base b
),
timed AS (
  SELECT sh.*,
         st IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED') OR (st = 'APPROVED' AND mk % 2 = 0) AS assigned,
         st <> 'REQUESTED' AND NOT (st = 'REJECTED' AND s % 2 = 0) AS reached_creative,
         CASE WHEN st IN ('COMPLETED', 'CLOSED') THEN least(created + interval '10 hours' + took, now_utc) END AS completed
  FROM shaped sh
)
INSERT INTO "Ticket" (
  "id", "number", "title", "description", "status", "priority", "dueDate", "requesterId", "departmentId", "assigneeId",
  "requestType", "reachedCreativeAt", "deptApprovedAt", "creativeApprovedAt", "assignedAt", "startedAt",
  "completedAt", "closedAt", "rejectedAt", "rejectionReason", "deletedAt", "deletedById", "createdAt", "updatedAt"
)
SELECT ${UUID7},
       t.i,
       'Benchmark ticket ' || t.i,
       '',
       t.st::"TicketStatus",
       (CASE WHEN t.p < 25 THEN 'LOW' WHEN t.p < 65 THEN 'MEDIUM' WHEN t.p < 90 THEN 'HIGH' ELSE 'URGENT' END)::"Priority",
       CASE WHEN t.due >= 10 THEN t.created + (1 + t.due % 30) * interval '1 day' END,
       r.id,
       coalesce(r."departmentId", d.id),
       CASE WHEN t.assigned THEN m.id END,
       (ARRAY['SOCMED_POSTING', 'WEBSITE_BANNER', 'PHOTOSHOOT', 'VIDEOSHOOT', 'LIVE_PRODUCTION', 'ADS', 'TELEGRAM_CHANNEL'])[t.rt + 1]::"RequestType",
       CASE WHEN t.reached_creative THEN t.created + interval '2 hours' END,
       CASE WHEN t.reached_creative THEN t.created + interval '2 hours' END,
       CASE WHEN t.st IN ('APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED') THEN t.created + interval '6 hours' END,
       CASE WHEN t.assigned THEN t.created + interval '8 hours' END,
       CASE WHEN t.st IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED') THEN t.created + interval '10 hours' END,
       t.completed,
       CASE WHEN t.st = 'CLOSED' THEN least(t.completed + interval '1 day', t.now_utc) END,
       CASE WHEN t.st = 'REJECTED' THEN t.created + interval '3 hours' END,
       CASE WHEN t.st = 'REJECTED' THEN 'Out of scope' END,
       CASE WHEN t.trash = 0 THEN least(t.created + interval '1 day', t.now_utc) END,
       CASE WHEN t.trash = 0 THEN (SELECT id FROM "User" WHERE username = 'admin') END,
       t.created,
       coalesce(t.completed, t.created)
FROM timed t
JOIN people r ON r.k = t.i % $3::int
JOIN depts d ON d.k = t.i % 3
JOIN makers m ON m.k = t.mk`;

/** The sequence behind Ticket.number continues after the seeded numbers (1..N, written explicitly). */
const CONTINUE_TICKET_NUMBERS_SQL = `SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), greatest((SELECT max("number") FROM "Ticket"), 1))`;

// ~10% of tickets get one collaborator, half of those a second one an hour later (never the requester).
export const SEED_COLLABORATORS_SQL = `
WITH people AS (
  SELECT u.id, (row_number() OVER (ORDER BY u.username) - 1)::int AS k FROM "User" u
)
INSERT INTO "TicketCollaborator" ("ticketId", "userId", "addedById", "createdAt")
SELECT t.id, p.id, t."requesterId", t."createdAt" + n * interval '1 hour'
FROM "Ticket" t
CROSS JOIN generate_series(1, 2) AS n
JOIN people p ON p.k = ${h("t.number || '/' || n", 'collaborator', '$1::int')}
WHERE ${h('t.number', 'collaborated', 100)} < 10
  AND (n = 1 OR ${h('t.number', 'second', 2)} = 0)
  AND p.id <> t."requesterId"
ON CONFLICT DO NOTHING`;

const SEED_DEPARTMENTS_SQL = `
INSERT INTO "Department" ("id", "name", "isCreative", "createdAt", "updatedAt")
SELECT gen_random_uuid(), d.name, d.creative, now(), now()
FROM unnest($1::text[], $2::boolean[]) AS d(name, creative)`;

const SEED_USERS_SQL = `
INSERT INTO "User" ("id", "username", "email", "passwordHash", "displayName", "role", "departmentId", "approvedAt", "createdAt", "updatedAt")
SELECT gen_random_uuid(), u.username, u.username || '@bench.example', $4, u.username, u.role::"Role", d.id, now(), now(), now()
FROM unnest($1::text[], $2::text[], $3::text[]) AS u(username, role, department)
LEFT JOIN "Department" d ON d.name = u.department`;

/** The departments and users (password BENCH_PASSWORD), then the tickets and their collaborators. */
export async function seedBenchWorld(target: PrismaClient | Sql, tickets: number): Promise<{ users: SeedUser[]; tickets: number; collaborators: number }> {
  const sql = typeof target === 'function' ? target : prismaSql(target);
  await sql(SEED_DEPARTMENTS_SQL, [DEPARTMENTS.map((d) => d.name), DEPARTMENTS.map((d) => d.isCreative)]);
  const users = seedUsers();
  await sql(SEED_USERS_SQL, [users.map((u) => u.username), users.map((u) => u.role), users.map((u) => u.department), await hashPassword(BENCH_PASSWORD)]);
  const makers = users.filter((user) => user.department === 'Creative' && user.role === 'MEMBER').length;
  const ticketCount = await sql(SEED_TICKETS_SQL, [tickets, makers, users.length]);
  await sql(CONTINUE_TICKET_NUMBERS_SQL);
  const collaborators = await sql(SEED_COLLABORATORS_SQL, [users.length]);
  return { users, tickets: ticketCount, collaborators };
}
