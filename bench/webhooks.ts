// Webhook fan-out benchmark (issue 24): the API as a child process, N receivers (HTTP servers on 127.0.0.1 in this
// process, each registered as its own webhook through the public API, createWebhook), and M ticket events made by
// mutations; every request is verified with the standardwebhooks package, as an integrator would. Prints the
// delivery rate (deliveries/s) and the lag from the event to its receipt (p50/p99), with the date, the machine's
// load and the command. Numbers only, no assertions; exits non-zero when a delivery is missing or invalid.
//
//   npm run bench:webhooks                                    # 200 endpoints × 1,000 events, PostgreSQL (fresh database)
//   npm run bench:webhooks -- --endpoints 5 --events 50       # a quick look
//   npm run bench:webhooks -- --embedded                      # the embedded PGlite instead of PostgreSQL
//   npm run bench:webhooks -- --tickets 1 --writers 1         # every event about one ticket (one ordered queue per endpoint)
//   npm run bench:webhooks -- --verbose                       # echo the server's output
//
// The events: an admin's API token (WRITE) renames `--tickets` tickets in turn, `--writers` mutations in flight
// (each writer keeps to its own tickets, so one ticket's changes are sequential). Each change is an UPDATED event;
// every webhook listens to UPDATED only and is owned by an admin service account (20 each, the per-person limit),
// who may read every ticket, so each event makes one delivery per endpoint. The server runs with
// WEBHOOK_ALLOW_PRIVATE_TARGETS=true (the receivers are loopback).
//
// Lag is receipt time (Date.now() here) minus the event's `data.at`: the activity-log row's createdAt, written in
// the ticket's transaction before it commits, so lags are slightly overstated (by the rest of that transaction and
// its commit). Both clocks are this machine's. The delivery rate is deliveries over the time from the first change
// sent to the last delivery received; the drain is how long the last deliveries took after the last change returned.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { LOCAL_POSTGRES_URL, type ScratchDatabase } from '../api/src/db/scratch-database.ts';
import { MAX_WEBHOOKS_PER_OWNER } from '../api/src/domain/webhooks.ts';
import { createSeededDatabase, type ServerHandle, startServer } from './fanout-server.ts';
import { loadAverage, login, positiveInt, post, printHeader } from './harness.ts';

const PASSWORD = 'demo-password';

const { values: args } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '200' },
    events: { type: 'string', default: '1000' },
    tickets: { type: 'string', default: '20' },
    writers: { type: 'string', default: '4' },
    // Generous: the first dispatcher managed ≈30 deliveries/s on a loaded machine (200 × 1,000 in almost two hours);
    // batched and concurrent it drained 50 × 200 at 850–1,500/s on the same 2 cores (a few minutes for 200 × 1,000).
    timeout: { type: 'string', default: '10800' },
    embedded: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const ENDPOINTS = positiveInt(args.endpoints, '--endpoints');
const EVENTS = positiveInt(args.events, '--events');
const TICKETS = positiveInt(args.tickets, '--tickets');
const WRITERS = Math.min(positiveInt(args.writers, '--writers'), TICKETS);
const TIMEOUT_MS = positiveInt(args.timeout, '--timeout') * 1000;

// --- receivers ----------------------------------------------------------------------------------------------

type Delivery = { data: { eventId: string; at: string; ticket: { id: string } | null } };

type Receiver = {
  server: Server;
  url: string;
  /** The webhook's signing secret, once createWebhook returned it. */
  verifier?: Webhook;
  /** webhook-ids received and verified, each once. */
  messageIds: Set<string>;
  duplicates: number;
  invalid: number;
  /** Per ticket, the last eventId received: one ticket's events must come in order. */
  lastEventByTicket: Map<string, bigint>;
  outOfOrder: number;
};

const receipts = { count: 0, first: 0, last: 0, lags: [] as number[] };

function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { server: createServer(), url: '', messageIds: new Set(), duplicates: 0, invalid: 0, lastEventByTicket: new Map(), outOfOrder: 0 };
  receiver.server.on('request', (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const now = Date.now();
      const header = (name: string) => String(request.headers[name] ?? '');
      const headers = {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      };
      let delivery: Delivery;
      try {
        if (!receiver.verifier) throw new Error('no secret yet');
        delivery = receiver.verifier.verify(Buffer.concat(chunks).toString('utf8'), headers) as Delivery;
      } catch {
        receiver.invalid += 1;
        response.writeHead(401).end();
        return;
      }
      response.writeHead(204).end();
      if (receiver.messageIds.has(headers['webhook-id'])) {
        receiver.duplicates += 1;
        return;
      }
      receiver.messageIds.add(headers['webhook-id']);
      const ticketId = delivery.data.ticket?.id ?? '';
      const eventId = BigInt(delivery.data.eventId);
      if ((receiver.lastEventByTicket.get(ticketId) ?? -1n) > eventId) receiver.outOfOrder += 1;
      receiver.lastEventByTicket.set(ticketId, eventId);
      receipts.count += 1;
      receipts.first ||= now;
      receipts.last = now;
      receipts.lags.push(now - Date.parse(delivery.data.at));
    });
  });
  return new Promise((resolve, reject) => {
    receiver.server.once('error', reject);
    receiver.server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
      resolve(receiver);
    });
  });
}

// --- the API's side -----------------------------------------------------------------------------------------

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { json } = await post(url, { query, variables }, token);
  return json.data as T;
}

/** An API token for the admin (WRITE: tickets and webhooks), made with a session as integrations make theirs. */
async function adminApiToken(url: string): Promise<string> {
  const session = await login(url, 'admin', PASSWORD);
  const data = await gql<{ createApiToken: { token: string } }>(
    url,
    session,
    'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }',
    { input: { name: 'Webhook bench', scopes: ['WRITE'] } },
  );
  return data.createApiToken.token;
}

/**
 * The webhooks' owners: a person may have MAX_WEBHOOKS_PER_OWNER endpoints, so the bench makes as many admin service
 * accounts as the endpoints need (admins read every ticket: each event is one delivery per endpoint), each with its
 * own WRITE token, as an integration would.
 */
async function ownerTokens(url: string, adminToken: string, endpoints: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < Math.ceil(endpoints / MAX_WEBHOOKS_PER_OWNER); index += 1) {
    const account = await gql<{ createServiceAccount: { user: { id: string } } }>(
      url,
      adminToken,
      'mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { user { id } } }',
      { input: { name: `Webhook bench ${index + 1}`, role: 'ADMIN' } },
    );
    const made = await gql<{ createApiToken: { token: string } }>(
      url,
      adminToken,
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }',
      { input: { name: 'Webhook bench', scopes: ['WRITE'], ownerId: account.createServiceAccount.user.id } },
    );
    tokens.push(made.createApiToken.token);
  }
  return tokens;
}

async function createTickets(url: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < TICKETS; index += 1) {
    const data = await gql<{ createTicket: { ticket: { id: string } } }>(
      url,
      token,
      'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }',
      { input: { title: `Webhook bench ticket ${index}`, description: 'Created by bench/webhooks.ts', priority: 'LOW' } },
    );
    ids.push(data.createTicket.ticket.id);
  }
  return ids;
}

async function registerWebhook(url: string, token: string, receiver: Receiver): Promise<string> {
  const data = await gql<{ createWebhook: { secret: string; webhook: { id: string } } }>(
    url,
    token,
    'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }',
    { input: { url: receiver.url, events: ['UPDATED'], description: 'bench/webhooks.ts receiver' } },
  );
  receiver.verifier = new Webhook(data.createWebhook.secret);
  return data.createWebhook.webhook.id;
}

/** Event i renames ticket i mod TICKETS; writer w sends the events of the tickets t with t mod WRITERS = w, in order. */
async function makeEvents(url: string, token: string, tickets: string[]): Promise<{ rtts: number[]; failures: string[] }> {
  const rtts: number[] = [];
  const failures: string[] = [];
  const writer = async (w: number) => {
    for (let index = 0; index < EVENTS; index += 1) {
      const ticket = index % TICKETS;
      if (ticket % WRITERS !== w) continue;
      const sent = Date.now();
      try {
        await gql(url, token, 'mutation ($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id } } }', {
          input: { id: tickets[ticket], title: `Webhook bench ticket ${ticket}, change ${index}` },
        });
        rtts.push(Date.now() - sent);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return { rtts, failures };
}

type DeliveryCounts = { succeeded: number; pending: number; dead: number; skipped: number };

/** What the delivery log says, summed over the bench's webhooks (the public API again). */
async function deliveryLog(url: string, token: string): Promise<DeliveryCounts> {
  const data = await gql<{ webhooks: Record<'succeeded' | 'pending' | 'dead' | 'skipped', { totalCount: number }>[] }>(
    url,
    token,
    `{ webhooks {
      succeeded: deliveries(first: 1, status: SUCCEEDED) { totalCount } pending: deliveries(first: 1, status: PENDING) { totalCount }
      dead: deliveries(first: 1, status: DEAD) { totalCount } skipped: deliveries(first: 1, status: SKIPPED) { totalCount } } }`,
  );
  const sum = (key: keyof DeliveryCounts) => data.webhooks.reduce((total, webhook) => total + webhook[key].totalCount, 0);
  return { succeeded: sum('succeeded'), pending: sum('pending'), dead: sum('dead'), skipped: sum('skipped') };
}

// --- the run ------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;
const progress = (message: string) => process.stderr.write(`[webhooks ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main(): Promise<boolean> {
  printHeader(`Webhook fan-out benchmark: ${ENDPOINTS} endpoints × ${EVENTS} events`);
  const loadAtStart = loadavg();
  const controller = new AbortController();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'juan365-webhooks-'));
  const receivers: Receiver[] = [];
  let server: ServerHandle | undefined;
  let database: ScratchDatabase | undefined;
  const timer = setTimeout(() => controller.abort(new Error(`global timeout of ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  try {
    let databaseUrl: string | undefined;
    let jwtSecret: string | undefined;
    if (!args.embedded) {
      jwtSecret = randomBytes(48).toString('base64url');
      database = (await createSeededDatabase(LOCAL_POSTGRES_URL, PASSWORD)).db;
      databaseUrl = database.url;
    }
    let started = Date.now();
    server = await startServer({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(jwtSecret ? { jwtSecret } : {}),
      startTimeoutMs: 120_000,
      verbose: args.verbose,
      env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
      signal: controller.signal,
    });
    const mode = args.embedded ? 'embedded PGlite' : 'PostgreSQL (127.0.0.1:5432, fresh database)';
    console.log(`  server:     ${mode}, child pid ${server.pid}, up in ${seconds(Date.now() - started)}`);

    const url = server.url;
    const token = await adminApiToken(url);
    const tickets = await createTickets(url, token);
    started = Date.now();
    for (let index = 0; index < ENDPOINTS; index += 1) receivers.push(await startReceiver());
    const owners = await ownerTokens(url, await login(url, 'admin', PASSWORD), ENDPOINTS);
    for (const [index, receiver] of receivers.entries()) {
      await registerWebhook(url, owners[Math.floor(index / MAX_WEBHOOKS_PER_OWNER)] as string, receiver);
    }
    console.log(
      `  endpoints:  ${ENDPOINTS} receivers on 127.0.0.1 in this process, each its own webhook (createWebhook, events [UPDATED], owners ${owners.length} admin service accounts), ` +
        `verifying every request with standardwebhooks and answering 204; set up in ${seconds(Date.now() - started)}`,
    );

    const expected = ENDPOINTS * EVENTS;
    const eventsStarted = Date.now();
    const cpuStart = server.cpuSeconds();
    let lastReport = 0;
    const reporter = setInterval(() => {
      const rate = (receipts.count - lastReport) / 5;
      lastReport = receipts.count;
      const left = rate > 0 ? `, ≈${seconds((1000 * (expected - receipts.count)) / rate)} to go at that rate` : '';
      progress(`${receipts.count}/${expected} deliveries (${rate.toFixed(0)}/s over the last 5 s${left}); load ${loadAverage()}`);
    }, 5_000);
    const { rtts, failures } = await makeEvents(url, token, tickets);
    const eventsEnded = Date.now();
    const deadline = Date.now() + TIMEOUT_MS;
    while (receipts.count < expected && Date.now() < deadline && !controller.signal.aborted) await sleep(50);
    clearInterval(reporter);
    const cpu = server.cpuSeconds() - cpuStart;
    await sleep(500); // late duplicates
    const log = await deliveryLog(url, token);

    const lags = receipts.lags.sort((a, b) => a - b);
    const span = receipts.last - eventsStarted;
    const made = rtts.length;
    const sortedRtts = rtts.sort((a, b) => a - b);
    const sum = (pick: (receiver: Receiver) => number) => receivers.reduce((total, receiver) => total + pick(receiver), 0);
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(11)} ${value}`);
    line(
      'events:',
      `${made}/${EVENTS} updateTicket as the admin's API token, ${TICKETS} tickets, ${WRITERS} writers, in ${seconds(eventsEnded - eventsStarted)} ` +
        `(${((1000 * made) / (eventsEnded - eventsStarted)).toFixed(1)}/s); round trip p50 ${ms(percentile(sortedRtts, 50))}, p99 ${ms(percentile(sortedRtts, 99))}` +
        (failures.length ? `; ${failures.length} failed, first: ${failures[0]?.slice(0, 200)}` : ''),
    );
    line(
      'delivered:',
      `${receipts.count}/${expected} (${((100 * receipts.count) / expected).toFixed(2)}%); invalid signatures ${sum((r) => r.invalid)}, ` +
        `duplicates (same webhook-id) ${sum((r) => r.duplicates)}, out of order within a ticket ${sum((r) => r.outOfOrder)}`,
    );
    line(
      'rate:',
      `${((1000 * receipts.count) / span).toFixed(0)} deliveries/s (first change sent → last delivery received, ${seconds(span)}); ` +
        `drain after the last change: ${seconds(Math.max(0, receipts.last - eventsEnded))}`,
    );
    line(
      'lag:',
      `event (data.at) → receipt p50 ${ms(percentile(lags, 50))}, p90 ${ms(percentile(lags, 90))}, p99 ${ms(percentile(lags, 99))}, max ${ms(percentile(lags, 100))}`,
    );
    line('log:', `delivery log (webhooks.deliveries): ${log.succeeded} SUCCEEDED, ${log.pending} PENDING, ${log.dead} DEAD, ${log.skipped} SKIPPED`);
    line(
      'server CPU:',
      `${cpu.toFixed(1)} s from the first change to the last delivery (${receipts.count ? ((1e6 * cpu) / receipts.count).toFixed(0) : 'n/a'} µs per delivery)`,
    );
    const problems = server.problems();
    if (problems.length) {
      line('server log:', `${problems.length} warning/error lines; first:`);
      for (const problem of problems.slice(0, 5)) console.log(`    ${problem.text.slice(0, 300)}`);
    }
    const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
    line('load:', `${load(loadAtStart)} at start, ${load(loadavg())} at the end (${cpus().length} cores; the bench's receivers share them)`);
    return receipts.count === expected && made === EVENTS && sum((r) => r.invalid) === 0 && sum((r) => r.outOfOrder) === 0;
  } finally {
    clearTimeout(timer);
    for (const receiver of receivers) receiver.server.closeAllConnections();
    await Promise.all(receivers.map((receiver) => new Promise((resolve) => receiver.server.close(resolve))));
    await server?.stop();
    await database?.drop().catch((error: unknown) => progress(`could not drop the bench database: ${String(error)}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
