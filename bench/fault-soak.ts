// PostgreSQL pulling the rug, as an operator would see it: two built server processes (the bundle `npm start` runs)
// on one PostgreSQL and one Redis, writers and live subscribers on both, and every one of the servers' database
// connections ended with pg_terminate_backend several times during the run. Prints what survived; no assertions
// (the same invariants are asserted by api/test/database-faults.test.ts and subscription-faults.test.ts on a
// smaller scale). Exits 1 when an invariant broke, so it can gate a change by hand.
//
//   npm run bench:fault-soak                                   # 60 s, 5 cuts, 4 writers, 6 subscribers
//   npm run bench:fault-soak -- --seconds 120 --cuts 10 --writers 8
import { parseArgs } from 'node:util';
import { seedDemoAccounts } from '../api/src/seed/demo.ts';
import { BUILT_DEMO_PASSWORD, type BuiltServer, cleanUpBuiltServers, startBuiltServer } from '../api/test/support/built-server.ts';
import { createTestDatabase, terminateBackends } from '../api/test/support/database.ts';
import { rawId } from '../api/test/support/tickets.ts';
import { collect, sleep, wsClient } from '../api/test/support/ws.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    cuts: { type: 'string', default: '5' },
    writers: { type: 'string', default: '4' },
    subscribers: { type: 'string', default: '6' },
  },
});
const SECONDS = Number(values.seconds);
const CUTS = Number(values.cuts);
const WRITERS = Number(values.writers);
const SUBSCRIBERS = Number(values.subscribers);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const database = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
if (!database.url) throw new Error('the soak needs a PostgreSQL database');
const databaseUrl = database.url;
await seedDemoAccounts(database.prisma, { password: BUILT_DEMO_PASSWORD });
const databaseName = new URL(databaseUrl).pathname.slice(1);
const env = { REDIS_URL, REDIS_PREFIX: `soak-${process.pid}:`, RATE_LIMIT_POINTS: '0', LOG_LEVEL: 'warn' };
const servers: BuiltServer[] = await Promise.all([startBuiltServer({ database, env }), startBuiltServer({ database, env })]);
/** Requests and sockets alternate between the two instances. */
const serverAt = (index: number) => servers[index % servers.length] as BuiltServer;
console.log(`two built servers on ${databaseName} (PostgreSQL) and Redis; ${SECONDS} s, ${CUTS} cuts, ${WRITERS} writers, ${SUBSCRIBERS} subscribers`);

const login = async (server: BuiltServer, name: string) => (await server.login(name)).accessToken;

// Subscribers: admins, who may read every ticket, spread over both instances.
type Received = { ticketEvents: { eventId: string; type: string } };
const subscribers = await Promise.all(
  Array.from({ length: SUBSCRIBERS }, async (_, index) => {
    const server = serverAt(index);
    let closed: number | undefined;
    const client = wsClient(server.wsUrl, await login(server, 'admin'), { onClose: (code) => (closed = code) });
    const events = collect<Received>(client, 'subscription { ticketEvents { eventId type } }');
    return { client, events, closed: () => closed };
  }),
);
await sleep(1_000);

// Writers: create a request and approve it twice, alternating instances; what was acknowledged is remembered.
const acknowledged = { created: new Set<string>(), approvedOnce: new Set<string>(), approvedTwice: new Set<string>() };
let failures = 0;
let running = true;
type Tokens = { marketer: string; manager: string; creative: string };
const tokens: Tokens[] = await Promise.all(
  servers.map(async (server) => ({
    marketer: await login(server, 'marketer'),
    manager: await login(server, 'marketing.manager'),
    creative: await login(server, 'creative.manager'),
  })),
);
async function writer(index: number) {
  for (let round = 0; running; round += 1) {
    const server = serverAt(index + round);
    const token = tokens[servers.indexOf(server)] as Tokens;
    try {
      const created = await server.ok<{ createTicket: { ticket: { id: string } } }>(
        'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }',
        { input: { title: `Soak ${index}.${round}`, priority: 'MEDIUM' } },
        token.marketer,
      );
      const id = created.createTicket.ticket.id;
      acknowledged.created.add(id);
      await server.ok('mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { id } } }', { input: { id } }, token.manager);
      acknowledged.approvedOnce.add(id);
      await server.ok('mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { id } } }', { input: { id } }, token.creative);
      acknowledged.approvedTwice.add(id);
    } catch {
      failures += 1;
      await sleep(50);
    }
  }
}
const writing = Array.from({ length: WRITERS }, (_, index) => writer(index));

// The cuts: every backend of the servers' database.
let ended = 0;
for (let cut = 1; cut <= CUTS; cut += 1) {
  await sleep((SECONDS * 1000) / (CUTS + 1));
  const count = await terminateBackends(databaseUrl);
  ended += count;
  console.log(`cut ${cut}: ended ${count} connections`);
}
await sleep((SECONDS * 1000) / (CUTS + 1));
running = false;
await Promise.all(writing);
await sleep(3_000);

// What survived.
const problems: string[] = [];
for (const [index, server] of servers.entries()) {
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    problems.push(`server ${index} exited (${server.child.exitCode ?? server.child.signalCode})`);
}
const events = await database.prisma.activityLog.findMany({ where: { eventType: { not: null } }, select: { id: true } });
const expected = events.map((event) => event.id.toString());
for (const [index, subscriber] of subscribers.entries()) {
  const ids = subscriber.events.received.map((received) => received.ticketEvents.eventId);
  const missing = expected.filter((id) => !ids.includes(id));
  const outOfOrder = ids.filter((id, at) => at > 0 && BigInt(id) <= BigInt(ids[at - 1] ?? 0)).length;
  if (subscriber.closed() !== undefined) problems.push(`subscriber ${index}: socket closed with ${subscriber.closed()}`);
  if (subscriber.events.errors.length)
    problems.push(`subscriber ${index}: ${subscriber.events.errors.length} errors, e.g. ${JSON.stringify(subscriber.events.errors[0])}`);
  if (missing.length) problems.push(`subscriber ${index}: ${missing.length} of ${expected.length} events never arrived`);
  if (outOfOrder) problems.push(`subscriber ${index}: ${outOfOrder} events out of eventId order`);
}
// Half-applied changes: versions and history agree, the last entry says the status, each change has its activity row.
const tickets = await database.prisma.ticket.findMany({ include: { history: { orderBy: { version: 'asc' } } } });
const activity = await database.prisma.activityLog.groupBy({ by: ['ticketId'], where: { action: { not: 'COMMENT' } }, _count: true });
const activityCount = new Map(activity.map((row) => [row.ticketId, row._count]));
const stored = new Map(tickets.map((ticket) => [ticket.id, ticket]));
for (const ticket of tickets) {
  const versions = ticket.history.map((entry) => entry.version).join(',');
  if (versions !== Array.from({ length: ticket.version }, (_, index) => index + 1).join(','))
    problems.push(`${ticket.title}: history versions ${versions} for version ${ticket.version}`);
  if (ticket.history.at(-1)?.toStatus !== ticket.status)
    problems.push(`${ticket.title}: status ${ticket.status}, last history entry ${ticket.history.at(-1)?.toStatus}`);
  if ((activityCount.get(ticket.id) ?? 0) !== ticket.history.length)
    problems.push(`${ticket.title}: ${ticket.history.length} history entries, ${activityCount.get(ticket.id) ?? 0} activity rows`);
}
for (const id of acknowledged.created) if (!stored.has(rawId(id))) problems.push(`acknowledged ticket ${id} is missing`);
for (const id of acknowledged.approvedTwice)
  if (stored.get(rawId(id))?.status !== 'APPROVED') problems.push(`ticket ${id} was approved twice but is ${stored.get(rawId(id))?.status}`);

console.log(
  `\n| servers alive | connections ended | writes acknowledged | requests failed | events | delivered per subscriber (min) | problems |\n|---|---|---|---|---|---|---|\n` +
    `| ${servers.filter((server) => server.child.exitCode === null).length} of 2 | ${ended} | ${acknowledged.created.size + acknowledged.approvedOnce.size + acknowledged.approvedTwice.size} | ${failures} | ${expected.length} | ${Math.min(...subscribers.map((subscriber) => subscriber.events.received.length))} | ${problems.length} |`,
);
for (const problem of problems.slice(0, 30)) console.log(`- ${problem}`);

for (const subscriber of subscribers) await subscriber.client.dispose();
await Promise.all(servers.map((server) => server.stop()));
await database.drop();
await cleanUpBuiltServers();
process.exit(problems.length ? 1 : 0);
