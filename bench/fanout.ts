// ticketEvents fan-out benchmark: the API as a child process, N graphql-ws subscribers, one client changing a
// ticket's status M times; prints delivery, commit→receipt latency, the server's memory and the bench's wall time.
// Numbers only, no assertions; exits non-zero when a delivery is missing, on errors and on the global timeout.
//
//   npm run bench:fanout                                   # 2000 subscribers, 50 changes, embedded PGlite
//   npm run bench:fanout -- --subscribers 5000 --changes 100 --interval 50
//   npm run bench:fanout -- --postgres --redis             # postgres@127.0.0.1:5432 (fresh database) + Redis
//   npm run bench:fanout -- --postgres --redis --instances 2   # two API instances sharing the subscribers
//   npm run bench:fanout -- --postgres --readers 500 --outsiders 50   # distinct users (the defaults with --postgres)
//   npm run bench:fanout -- --query web                    # the web client's TicketEvents document instead
//   npm run bench:fanout -- --api-root /path/to/checkout   # run another checkout's API (a baseline), same bench
//   npm run bench:fanout -- --verbose                      # echo the server's output
//   npm run bench:fanout -- --cpu-prof /tmp/prof           # V8 CPU profile of the server (.cpuprofile)
//   npm run bench:fanout -- --server-node-flags=--max-semi-space-size=64   # flags for the server's node
//
// With --postgres, the subscribers are spread over the demo people and hundreds of bench users: readers (admins,
// Marketing and Creative managers, who may read the measured ticket) and outsiders (Sales managers, who may not
// and must receive none of its events: a "leak"). Without it (embedded PGlite, owned by the child) only three
// demo people subscribe.
//
// Changes are sequential (each mutation waits for the previous one), so when fan-out saturates the server the
// achieved rate falls below one per --interval; the report prints the achieved rate.
//
// Latency is receipt time (Date.now() in the subscriber) minus the event's `at`: the activity-log row's
// createdAt, written inside the ticket's transaction before it commits, so latencies are slightly overstated
// (by the rest of that transaction and its commit). Both clocks are this machine's.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LOCAL_POSTGRES_URL, type ScratchDatabase } from '../api/src/db/scratch-database.ts';
import { type BenchUser, createSeededDatabase, type MemorySample, type ServerHandle, startServer } from './fanout-server.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PASSWORD = 'demo-password';
/** The histogram's samples include its own timer interval; the report subtracts it. */
const LOOP_RESOLUTION_MS = 5;
/** Demo people who subscribe: each may read the measured ticket (a Marketing request that reached the Creative queue). */
const SUBSCRIBER_USERS = ['admin', 'marketing.manager', 'creative.manager'] as const;
/** The API's access-token lifetime (api/src/config.ts); tokens minted for bench users live as long. */
const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const SUBSCRIPTIONS = {
  minimal: 'subscription { ticketEvents { eventId type at ticket { id status } } }',
  // The web client's TicketEvents (web/src/lib/ticket-events.graphql.ts with TicketSummary): viewer-dependent
  // fields (availableActions) and relations.
  web: `subscription TicketEvents($afterEventId: String) { ticketEvents(afterEventId: $afterEventId) {
    eventId type at actor { id displayName }
    ticket { id number title status priority requestType dueDate isOverdue version revisionCount commentCount deletedAt createdAt updatedAt
      availableActions department { id name } requester { id displayName } assignee { id displayName } collaborators { id displayName } } } }`,
} as const;

// --- options ------------------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '2000' },
    changes: { type: 'string', default: '50' },
    interval: { type: 'string', default: '100' },
    batch: { type: 'string', default: '200' },
    timeout: { type: 'string', default: '120' },
    'warmup-timeout': { type: 'string', default: '30' },
    drain: { type: 'string', default: '15' },
    postgres: { type: 'boolean', default: false },
    readers: { type: 'string' },
    outsiders: { type: 'string' },
    instances: { type: 'string', default: '1' },
    query: { type: 'string', default: 'minimal' },
    'api-root': { type: 'string' },
    redis: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'server-node-flags': { type: 'string', default: '' },
  },
});

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

const SUBSCRIBERS = positiveInt(args.subscribers, '--subscribers');
const CHANGES = positiveInt(args.changes, '--changes');
const INTERVAL_MS = positiveInt(args.interval, '--interval');
const BATCH = positiveInt(args.batch, '--batch');
const TIMEOUT_MS = positiveInt(args.timeout, '--timeout') * 1000;
const WARMUP_TIMEOUT_MS = positiveInt(args['warmup-timeout'], '--warmup-timeout') * 1000;
const DRAIN_MS = positiveInt(args.drain, '--drain') * 1000;
const READERS = args.readers === undefined ? (args.postgres ? 500 : 0) : Number(args.readers);
const OUTSIDERS = args.outsiders === undefined ? (args.postgres ? 50 : 0) : Number(args.outsiders);
const INSTANCES = positiveInt(args.instances, '--instances');
if (!(args.query in SUBSCRIPTIONS)) throw new Error(`--query must be one of ${Object.keys(SUBSCRIPTIONS).join(', ')}`);
const SUBSCRIPTION = SUBSCRIPTIONS[args.query as keyof typeof SUBSCRIPTIONS];
if (!Number.isInteger(READERS) || READERS < 0 || !Number.isInteger(OUTSIDERS) || OUTSIDERS < 0) throw new Error('--readers and --outsiders take a count');
if ((READERS || OUTSIDERS) && !args.postgres) throw new Error('--readers/--outsiders need --postgres (the bench writes them into the database)');
if (INSTANCES > 1 && !(args.postgres && args.redis)) throw new Error('--instances above 1 needs --postgres --redis');

// --- small helpers ------------------------------------------------------------------------------------------

class Aborted extends Error {}

const controller = new AbortController();
const signal = controller.signal;

function abortable<T>(promise: Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

const sleep = (ms: number) => abortable(new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))));

/** Polls `done` until it holds (true) or timeoutMs passes (false); rejects when the bench aborts. */
async function waitFor(done: () => boolean, timeoutMs: number, pollMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(pollMs, deadline - Date.now()));
  }
  return true;
}

type GraphQLResult<T> = { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const result = (await response.json()) as GraphQLResult<T>;
  if (result.errors?.length || !result.data) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? NaN;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const mib = (bytes: number | null | undefined) => (bytes == null || !Number.isFinite(bytes) ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;

// --- the API's side: sessions and the tickets being changed -------------------------------------------------

type Session = { token: string; userId: string };

async function login(url: string, username: string): Promise<Session> {
  const data = await gql<{ login: { accessToken: string | null; user: { id: string } | null } }>(
    url,
    'mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id } } }',
    { input: { username, password: PASSWORD } },
  );
  if (!data.login.accessToken || !data.login.user) throw new Error(`login of ${username} returned no access token`);
  return { token: data.login.accessToken, userId: data.login.user.id };
}

type TicketState = { id: string; status: string };

async function ticketMutation(url: string, name: string, inputType: string, input: Record<string, unknown>, token: string): Promise<TicketState> {
  const data = await gql<Record<string, { ticket: TicketState }>>(
    url,
    `mutation ($input: ${inputType}!) { ${name}(input: $input) { ticket { id status } } }`,
    { input },
    token,
  );
  const ticket = data[name]?.ticket;
  if (!ticket) throw new Error(`${name} returned no ticket`);
  return ticket;
}

type People = Record<'admin' | 'marketing.manager' | 'creative.manager' | 'marketer' | 'designer' | 'seller', Session>;

/** A marketer's request driven to IN_PROGRESS with the designer assigned: every subscriber may read it. */
async function ticketInProgress(url: string, people: People, title: string): Promise<TicketState> {
  const created = await gql<{ createTicket: { ticket: TicketState } }>(
    url,
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id status } } }',
    { input: { title, description: 'Created by bench/fanout.ts', priority: 'MEDIUM' } },
    people.marketer.token,
  );
  const id = created.createTicket.ticket.id;
  await ticketMutation(url, 'approveTicket', 'ApproveTicketInput', { id }, people['marketing.manager'].token);
  await ticketMutation(url, 'approveTicket', 'ApproveTicketInput', { id }, people['creative.manager'].token);
  await ticketMutation(url, 'assignTicket', 'AssignTicketInput', { id, assigneeId: people.designer.userId }, people['creative.manager'].token);
  return ticketMutation(url, 'startTicket', 'TicketActionInput', { id }, people.designer.token);
}

/** One status change as the assignee: IN_PROGRESS → COMPLETED, or back with a revision request. */
async function toggle(url: string, ticket: TicketState, designer: Session, reason: string): Promise<TicketState> {
  const next =
    ticket.status === 'IN_PROGRESS'
      ? await ticketMutation(url, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, designer.token)
      : await ticketMutation(url, 'requestRevision', 'RequestRevisionInput', { id: ticket.id, reason }, designer.token);
  if (next.status === ticket.status) throw new Error(`ticket stayed ${ticket.status}`);
  return next;
}

// --- subscribers --------------------------------------------------------------------------------------------

type TicketEvent = { eventId: string; type: string; at: string; ticket: { id: string; status: string } | null };

type Subscriber = {
  user: string;
  /** May read the measured ticket; an outsider receiving one of its events is a leak. */
  mayRead: boolean;
  /** Events of the measured ticket received by an outsider. */
  leaks: number;
  client: Client;
  connected: boolean;
  closeCode: number | null;
  closeReason: string;
  /** Closed before the bench started closing everything. */
  closedDuringRun: boolean;
  /** Events of the warm-up ticket. */
  warmups: number;
  /** Events of the measured ticket, by eventId (each once). */
  seen: Set<string>;
  duplicates: number;
  /** REFETCH events: the server gave up on delivering one by one (subscriber too far behind). */
  refetches: number;
  /** Events of any other ticket (there should be none). */
  others: number;
  errors: string[];
};

type MeasuredEvent = { at: number; receipts: number; lastReceipt: number; latencySum: number };

const measured = {
  ticketId: '',
  warmupTicketIds: new Set<string>(),
  latencies: [] as number[],
  events: new Map<string, MeasuredEvent>(),
};

function openSubscriber(wsUrl: string, user: string, token: string, mayRead: boolean): Subscriber {
  const record: Omit<Subscriber, 'client'> = {
    user,
    mayRead,
    leaks: 0,
    connected: false,
    closeCode: null,
    closeReason: '',
    closedDuringRun: false,
    warmups: 0,
    seen: new Set(),
    duplicates: 0,
    refetches: 0,
    others: 0,
    errors: [],
  };
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionAckWaitTimeout: 30_000,
    connectionParams: { authorization: `Bearer ${token}` },
    on: {
      connected: () => {
        record.connected = true;
      },
      closed: (event) => {
        const close = event as { code?: number; reason?: string };
        record.closeCode = close.code ?? -1;
        record.closeReason = close.reason ?? '';
        record.closedDuringRun = !cleaning;
      },
    },
    onNonLazyError: (error) => record.errors.push(describe(error)),
  });
  const subscriber: Subscriber = Object.assign(record, { client });
  subscriber.client.subscribe<{ ticketEvents: TicketEvent }>(
    { query: SUBSCRIPTION },
    {
      next: (value) => {
        const now = Date.now();
        const event = value.data?.ticketEvents;
        if (!event) {
          subscriber.errors.push(JSON.stringify(value.errors ?? value));
          return;
        }
        const ticketId = event.ticket?.id;
        if (event.type === 'REFETCH') {
          subscriber.refetches += 1;
        } else if (ticketId === measured.ticketId && !subscriber.mayRead) {
          subscriber.leaks += 1;
        } else if (ticketId === measured.ticketId) {
          if (subscriber.seen.has(event.eventId)) {
            subscriber.duplicates += 1;
            return;
          }
          subscriber.seen.add(event.eventId);
          let entry = measured.events.get(event.eventId);
          if (!entry) {
            entry = { at: Date.parse(event.at), receipts: 0, lastReceipt: 0, latencySum: 0 };
            measured.events.set(event.eventId, entry);
          }
          entry.receipts += 1;
          entry.lastReceipt = Math.max(entry.lastReceipt, now);
          entry.latencySum += now - entry.at;
          measured.latencies.push(now - entry.at);
        } else if (ticketId !== undefined && measured.warmupTicketIds.has(ticketId)) {
          subscriber.warmups += 1;
        } else {
          subscriber.others += 1;
        }
      },
      error: (error) => subscriber.errors.push(describe(error)),
      complete: () => {},
    },
  );
  return subscriber;
}

/** Socket errors that reached no subscription (see the unhandledRejection handler at the end). */
const socketErrors: { count: number; first?: string } = { count: 0 };

function isSocketErrorEvent(value: unknown): value is { type: 'error'; message?: string; error?: unknown } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'error' && 'target' in value;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const close = error as { code: unknown; reason?: unknown };
    return `socket closed ${String(close.code)} ${String(close.reason ?? '')}`.trim();
  }
  return JSON.stringify(error);
}

const alive = (subscriber: Subscriber) => subscriber.closeCode === null;

// --- the run ------------------------------------------------------------------------------------------------

type Phase = 'setup' | 'server start' | 'sign-in' | 'connect' | 'warm-up' | 'changes' | 'drain' | 'report';

const state = {
  startedAt: Date.now(),
  loadAtStart: os.loadavg(),
  phase: 'setup' as Phase,
  mode: `${args.postgres ? 'PostgreSQL (127.0.0.1:5432, fresh database)' : 'embedded PGlite'}, ${args.redis ? 'Redis pub/sub' : 'in-process pub/sub'}`,
  /** The first instance (mutations go there); `servers` holds all of them. */
  server: undefined as ServerHandle | undefined,
  servers: [] as ServerHandle[],
  /** Set before it is created, so a run aborted meanwhile still drops it. */
  database: undefined as Promise<{ db: ScratchDatabase; users: BenchUser[] }> | undefined,
  benchUsers: [] as BenchUser[],
  dataDir: undefined as string | undefined,
  subscribers: [] as Subscriber[],
  timings: {} as Partial<Record<'serverStart' | 'connect' | 'warmup' | 'changes' | 'drain', number>>,
  memory: {} as Partial<Record<'before' | 'subscribed' | 'end', MemorySample>>,
  cpu: {} as Partial<Record<'changesStart' | 'drainEnd', number>>,
  benchCpu: undefined as NodeJS.CpuUsage | undefined,
  changesStartedAt: undefined as number | undefined,
  drainStartedAt: undefined as number | undefined,
  warmupChanges: 0,
  changesMade: 0,
  changeFailures: [] as string[],
  mutationRtts: [] as number[],
  loopDelay: undefined as IntervalHistogram | undefined,
  failure: undefined as string | undefined,
  serverExit: undefined as { code: number | null; signal: NodeJS.Signals | null; forced: boolean } | undefined,
};

async function run(): Promise<void> {
  state.dataDir = await mkdtemp(path.join(tmpdir(), 'juan365-fanout-'));
  let databaseUrl: string | undefined;
  let jwtSecret: string | undefined;
  if (args.postgres) {
    jwtSecret = randomBytes(48).toString('base64url');
    state.database = createSeededDatabase(LOCAL_POSTGRES_URL, PASSWORD, {
      readers: READERS,
      outsiders: OUTSIDERS,
      jwtSecret,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    });
    const seeded = await abortable(state.database);
    databaseUrl = seeded.db.url;
    state.benchUsers = seeded.users;
  }

  state.phase = 'server start';
  let started = Date.now();
  for (let instance = 0; instance < INSTANCES; instance += 1) {
    // One after the other: the first migrates and seeds, the others find it done.
    const handle = await startServer({
      dataDir: instance === 0 ? state.dataDir : await mkdtemp(path.join(state.dataDir, `instance-${instance}-`)),
      ...(args['api-root'] ? { apiRoot: path.resolve(args['api-root']) } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(jwtSecret ? { jwtSecret } : {}),
      ...(args.redis ? { redisUrl: REDIS_URL } : {}),
      startTimeoutMs: TIMEOUT_MS,
      verbose: args.verbose,
      ...(args['cpu-prof'] ? { cpuProfileDir: path.resolve(args['cpu-prof']) } : {}),
      nodeFlags: args['server-node-flags'].split(/\s+/).filter(Boolean),
      signal,
    });
    state.servers.push(handle);
    state.server ??= handle;
    handle.onUnexpectedExit(({ code, signal: exitSignal }) =>
      controller.abort(new Aborted(`the API process exited by itself (code ${code}, signal ${exitSignal}); its last log lines are below`)),
    );
  }
  const server = state.server;
  if (!server) throw new Error('no API instance started');
  state.timings.serverStart = Date.now() - started;
  progress(
    `API ${state.servers.map((handle) => `pid ${handle.pid} on ${handle.url}`).join(', ')} (${state.mode}), up in ${seconds(state.timings.serverStart)}`,
  );

  state.phase = 'sign-in';
  const names = ['admin', 'marketing.manager', 'creative.manager', 'marketer', 'designer', 'seller'] as const;
  const people = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await login(server.url, name)] as const))) as People;
  let warmTicket = await ticketInProgress(server.url, people, 'Fan-out bench: warm-up');
  let ticket = await ticketInProgress(server.url, people, 'Fan-out bench: measured');
  measured.warmupTicketIds.add(warmTicket.id);
  measured.ticketId = ticket.id;
  state.memory.before = await server.memory({ gc: true });

  state.phase = 'connect';
  started = Date.now();
  const subscriberUsers: BenchUser[] = [...SUBSCRIBER_USERS.map((user) => ({ username: user, token: people[user].token, mayRead: true })), ...state.benchUsers];
  for (let first = 0; first < SUBSCRIBERS; first += BATCH) {
    const batch: Subscriber[] = [];
    for (let index = first; index < Math.min(SUBSCRIBERS, first + BATCH); index += 1) {
      const user = subscriberUsers[index % subscriberUsers.length];
      const instance = state.servers[index % state.servers.length];
      if (!user || !instance) throw new Error('no subscriber user or API instance');
      batch.push(openSubscriber(instance.wsUrl, user.username, user.token, user.mayRead));
    }
    state.subscribers.push(...batch);
    const settled = await waitFor(() => batch.every((subscriber) => subscriber.connected || !alive(subscriber)), 30_000);
    if (!settled) progress(`  batch at ${first}: ${batch.filter((s) => !s.connected).length} not acknowledged after 30 s, going on`);
  }
  state.timings.connect = Date.now() - started;
  const connected = state.subscribers.filter((subscriber) => subscriber.connected && alive(subscriber)).length;
  progress(`${connected}/${SUBSCRIBERS} subscribers connected in ${seconds(state.timings.connect)}`);

  // Subscribed = has received an event: change the warm-up ticket until every open subscriber has heard of it.
  state.phase = 'warm-up';
  started = Date.now();
  const allWarm = () => state.subscribers.every((subscriber) => subscriber.warmups > 0 || !alive(subscriber));
  while (!allWarm() && Date.now() - started < WARMUP_TIMEOUT_MS) {
    warmTicket = await toggle(server.url, warmTicket, people.designer, 'bench warm-up');
    // Outsiders (Sales managers) cannot read the Marketing warm-up ticket: a Sales request tells them.
    if (OUTSIDERS) {
      const sales = await gql<{ createTicket: { ticket: TicketState } }>(
        server.url,
        'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id status } } }',
        { input: { title: 'Fan-out bench: Sales warm-up', description: 'Created by bench/fanout.ts', priority: 'LOW' } },
        people.seller.token,
      );
      measured.warmupTicketIds.add(sales.createTicket.ticket.id);
    }
    state.warmupChanges += 1;
    await waitFor(allWarm, Math.min(2_000, WARMUP_TIMEOUT_MS - (Date.now() - started)));
  }
  state.timings.warmup = Date.now() - started;
  const warm = state.subscribers.filter((subscriber) => subscriber.warmups > 0).length;
  progress(`${warm}/${SUBSCRIBERS} subscribers received a warm-up event (${state.warmupChanges} warm-up changes, ${seconds(state.timings.warmup)})`);
  await sleep(500);
  state.memory.subscribed = await server.memory({ gc: true });

  state.phase = 'changes';
  state.loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  state.loopDelay.enable();
  state.cpu.changesStart = totalCpuSeconds();
  const benchCpuStart = process.cpuUsage();
  started = Date.now();
  state.changesStartedAt = started;
  for (let index = 0; index < CHANGES; index += 1) {
    await sleep(started + index * INTERVAL_MS - Date.now());
    const sent = Date.now();
    try {
      ticket = await toggle(server.url, ticket, people.designer, `bench revision ${index}`);
      state.changesMade += 1;
      state.mutationRtts.push(Date.now() - sent);
    } catch (error) {
      if (signal.aborted) throw error;
      state.changeFailures.push(describe(error));
    }
  }
  state.timings.changes = Date.now() - started;

  state.phase = 'drain';
  started = Date.now();
  state.drainStartedAt = started;
  const expected = readerSubscriptions() * CHANGES;
  await waitFor(() => measured.latencies.length >= expected, DRAIN_MS);
  // A little longer for duplicates or strays to show up.
  await sleep(200);
  state.timings.drain = Date.now() - started;
  state.loopDelay.disable();
  state.cpu.drainEnd = totalCpuSeconds();
  state.benchCpu = process.cpuUsage(benchCpuStart);
  state.memory.end = await server.memory({ gc: true });
}

/** CPU seconds used so far by every API instance together. */
function totalCpuSeconds(): number {
  return state.servers.reduce((total, handle) => total + handle.cpuSeconds(), 0);
}

/** Subscriptions that may read the measured ticket: each should receive every change once. */
function readerSubscriptions(): number {
  return state.subscribers.length ? state.subscribers.filter((subscriber) => subscriber.mayRead).length : SUBSCRIBERS;
}

function progress(message: string) {
  process.stderr.write(`[fanout +${seconds(Date.now() - state.startedAt)}] ${message}\n`);
}

// --- cleanup and report -------------------------------------------------------------------------------------

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const subscriber of state.subscribers) {
      try {
        void subscriber.client.dispose();
      } catch {
        // already closed
      }
    }
    const exits = await Promise.all(state.servers.map((handle) => handle.stop()));
    state.serverExit = exits[0];
    if (state.database) {
      await state.database.then(({ db }) => db.drop()).catch((error: unknown) => progress(`could not drop the bench database: ${describe(error)}`));
    }
    if (state.dataDir) await rm(state.dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

function report(): boolean {
  const out: string[] = [];
  const line = (label: string, value: string) => out.push(`  ${label.padEnd(22)} ${value}`);
  const expected = readerSubscriptions() * CHANGES;
  const delivered = measured.latencies.length;
  const subscribers = state.subscribers;
  const sum = (pick: (subscriber: Subscriber) => number) => subscribers.reduce((total, subscriber) => total + pick(subscriber), 0);
  const distinctUsers = new Set(subscribers.map((subscriber) => subscriber.user)).size;
  const outsiderSubscriptions = subscribers.filter((subscriber) => !subscriber.mayRead).length;
  const byUser = `${distinctUsers} distinct users; ${subscribers.length - outsiderSubscriptions} may read the measured ticket, ${outsiderSubscriptions} may not`;

  out.push('', 'ticketEvents fan-out benchmark');
  if (state.failure) out.push(`  !! INCOMPLETE: ${state.failure} (phase: ${state.phase})`);
  line(
    'server',
    `${state.mode}; ${state.servers.length} instance(s), child pid ${state.servers.map((handle) => handle.pid).join(', ') || 'n/a'}${state.timings.serverStart ? `, up in ${seconds(state.timings.serverStart)}` : ''}`,
  );
  line('subscription', `${args.query}${args['api-root'] ? `; API from ${path.resolve(args['api-root'])}` : ''}`);
  const connected = subscribers.filter((subscriber) => subscriber.connected).length;
  line(
    'subscribers',
    `${SUBSCRIBERS} requested, ${subscribers.length} opened, ${connected} acknowledged, ${subscribers.filter((s) => s.warmups > 0).length} confirmed by a warm-up event (${byUser})`,
  );
  if (state.timings.connect !== undefined)
    line(
      '',
      `connected in batches of ${BATCH} in ${seconds(state.timings.connect)}; warm-up ${state.warmupChanges} change(s), ${seconds(state.timings.warmup ?? 0)}`,
    );
  const rate = state.timings.changes ? `${((1000 * state.changesMade) / state.timings.changes).toFixed(1)}/s achieved` : 'n/a';
  line(
    'changes',
    `${state.changesMade}/${CHANGES} made (completeTicket/requestRevision as the assignee, each after the previous one returned), one every ${INTERVAL_MS} ms planned, in ${seconds(state.timings.changes ?? 0)} (${rate})`,
  );
  if (state.mutationRtts.length) {
    const rtts = Float64Array.from(state.mutationRtts).sort();
    line('', `mutation round trip p50 ${ms(percentile(rtts, 50))}, p99 ${ms(percentile(rtts, 99))}, max ${ms(percentile(rtts, 100))}`);
  }
  if (state.changeFailures.length) line('', `failed changes: ${state.changeFailures.length}, first: ${state.changeFailures[0]}`);
  line(
    'delivered/expected',
    `${delivered}/${expected} (${((100 * delivered) / expected).toFixed(2)}%)` + `; distinct events seen ${measured.events.size}/${CHANGES}`,
  );
  const missing = subscribers.filter((subscriber) => subscriber.mayRead && subscriber.seen.size < state.changesMade).length;
  line(
    '',
    `subscribers missing ≥1 event: ${missing}; duplicates ${sum((s) => s.duplicates)}; leaks to outsiders ${sum((s) => s.leaks)}; REFETCH ${sum((s) => s.refetches)}; events of other tickets ${sum((s) => s.others)}; subscription errors ${sum((s) => s.errors.length)}`,
  );
  const closes = new Map<string, number>();
  for (const subscriber of subscribers) {
    if (!subscriber.closedDuringRun) continue;
    const key = `${subscriber.closeCode} ${subscriber.closeReason}`.trim();
    closes.set(key, (closes.get(key) ?? 0) + 1);
  }
  if (closes.size) line('', `sockets closed during the run: ${[...closes].map(([reason, count]) => `${count}× ${reason}`).join(', ')}`);
  const firstError = subscribers.find((subscriber) => subscriber.errors.length)?.errors[0];
  if (firstError) line('', `first subscriber error: ${firstError.slice(0, 300)}`);
  if (socketErrors.count) line('', `socket errors that reached no subscription: ${socketErrors.count} (first: ${socketErrors.first?.slice(0, 200)})`);

  const latencies = Float64Array.from(measured.latencies).sort();
  line(
    'latency at→receipt',
    `p50 ${ms(percentile(latencies, 50))}, p90 ${ms(percentile(latencies, 90))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(percentile(latencies, 100))}` +
      (latencies.length ? `, min ${ms(percentile(latencies, 0))}` : ''),
  );
  const spread = Float64Array.from([...measured.events.values()].map((event) => event.lastReceipt - event.at)).sort();
  if (spread.length) line('last subscriber reached', `per change, at→last receipt: p50 ${ms(percentile(spread, 50))}, max ${ms(percentile(spread, 100))}`);
  const byCommit = [...measured.events.values()].sort((a, b) => a.at - b.at).map((event) => event.latencySum / event.receipts);
  if (byCommit.length >= 3) {
    const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
    const fifth = Math.max(1, Math.floor(byCommit.length / 5));
    line('', `mean latency of the first ${fifth} changes ${ms(mean(byCommit.slice(0, fifth)))}, of the last ${fifth} ${ms(mean(byCommit.slice(-fifth)))}`);
  }
  line('', '`at` is the activity-log createdAt, taken inside the transaction before commit: latencies are slightly overstated');
  if (state.loopDelay) {
    const h = state.loopDelay;
    const lag = (nanos: number) => `${Math.max(0, nanos / 1e6 - LOOP_RESOLUTION_MS).toFixed(1)} ms`;
    line(
      'bench event-loop delay',
      `during changes+drain p50 ${lag(h.percentile(50))}, p99 ${lag(h.percentile(99))}, max ${lag(h.max)} (receipt times include this)`,
    );
  }

  out.push(`  server memory${state.servers.length > 1 ? ' (1st)' : '      '}    RSS         heapUsed    heapTotal   external    heap after GC`);
  for (const [label, key] of [
    ['before subscribing', 'before'],
    ['after subscribing', 'subscribed'],
    ['at the end', 'end'],
  ] as const) {
    const sample = state.memory[key];
    const cells = sample
      ? [sample.rssBytes, sample.heapUsed, sample.heapTotal, sample.external, sample.heapUsedAfterGc].map((value) => mib(value).padEnd(11))
      : ['n/a'];
    out.push(`    ${label.padEnd(20)} ${cells.join(' ')}`);
  }
  const { before, subscribed, end } = state.memory;
  if (before && subscribed && connected) {
    const perSub = (bytes: number) => (Number.isFinite(bytes) ? `${bytes < 0 ? '−' : '+'}${(Math.abs(bytes) / connected / 1024).toFixed(1)} KiB` : 'n/a');
    const heapDelta = subscribed.heapUsedAfterGc !== null && before.heapUsedAfterGc !== null ? subscribed.heapUsedAfterGc - before.heapUsedAfterGc : NaN;
    line('per subscriber', `RSS ${perSub(subscribed.rssBytes - before.rssBytes)}, live heap ${perSub(heapDelta)} (after subscribing minus before)`);
  }
  if (end) line('peak RSS', mib(end.peakRssBytes));
  if (state.cpu.changesStart !== undefined && state.cpu.drainEnd !== undefined) {
    const cpu = state.cpu.drainEnd - state.cpu.changesStart;
    const span = (state.timings.changes ?? 0) + (state.timings.drain ?? 0);
    const share = (cpuSeconds: number) => (span ? `${((100 * cpuSeconds) / (span / 1000)).toFixed(0)}% of one core` : 'n/a');
    const perDelivery = measured.latencies.length ? `, ${((1e6 * cpu) / measured.latencies.length).toFixed(0)} µs per delivery` : '';
    const benchCpu = state.benchCpu ? (state.benchCpu.user + state.benchCpu.system) / 1e6 : undefined;
    const benchPart = benchCpu === undefined ? '' : `, bench ${benchCpu.toFixed(1)} s (${share(benchCpu)})`;
    line('CPU during changes+drain', `server ${cpu.toFixed(1)} s (${share(cpu)}${perDelivery})${benchPart}`);
  }
  if (subscribed && end) {
    const gcMs = (key: 'minorMs' | 'majorMs') => Math.round(end.gc[key] - subscribed.gc[key]);
    line(
      'server GC, changes+drain',
      `minor ${gcMs('minorMs')} ms, major ${gcMs('majorMs')} ms, ${end.gc.count - subscribed.gc.count} pauses; longest pause since start ${end.gc.longestMs.toFixed(0)} ms`,
    );
  }

  const server = state.server;
  if (server) {
    const problems = server.problems();
    const exit = state.serverExit;
    const exited = server.exited();
    const how = exited && !exited.requested ? ` — NOT stopped by the bench: exited at +${seconds(exited.at - state.startedAt)}` : '';
    line('server exit', exit ? `code ${exit.code}, signal ${exit.signal}${exit.forced ? ' (SIGKILL after the grace period)' : ''}${how}` : 'n/a');
    if (how) for (const entry of server.log.slice(-8)) out.push(`    [${entry.stream} +${seconds(entry.at - state.startedAt)}] ${entry.text.slice(0, 300)}`);
    line('server log', `${server.log.length} lines, ${problems.length} warning/error lines`);
    for (const problem of problems.slice(0, 15)) out.push(`    [${problem.stream}] ${problem.text.slice(0, 300)}`);
    if (problems.length > 15) out.push(`    … ${problems.length - 15} more`);
  }
  const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
  line(
    'machine load avg',
    `${load(state.loadAtStart)} at start, ${load(os.loadavg())} at the end (${os.availableParallelism()} CPUs; bench and server share them)`,
  );
  line('bench wall time', seconds(Date.now() - state.startedAt));
  console.log(out.join('\n'));
  return !state.failure && delivered === expected && state.changesMade === CHANGES && sum((s) => s.leaks) === 0 && sum((s) => s.duplicates) === 0;
}

// --- main ---------------------------------------------------------------------------------------------------

const globalTimer = setTimeout(() => controller.abort(new Aborted(`global timeout of ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) {
    for (const handle of state.servers) handle.killNow();
    process.exit(130);
  }
  interrupted = true;
  controller.abort(new Aborted('interrupted (SIGINT)'));
});
process.on('exit', () => {
  for (const handle of state.servers) handle.killNow();
});
/**
 * A subscriber's socket error (a reset or refused connection, which a saturated machine gives while 5,000 sockets
 * connect) can escape graphql-ws as an unhandled rejection of ws's ErrorEvent; Node's default ended the whole
 * bench with it, report and all (twice under a load average of 20-27). Counted and reported instead; any other
 * unhandled rejection still ends the process.
 */
process.on('unhandledRejection', (reason) => {
  if (isSocketErrorEvent(reason)) {
    socketErrors.count += 1;
    socketErrors.first ??= reason.message ?? String(reason.error ?? 'socket error');
    return;
  }
  throw reason;
});

let ok = false;
try {
  await run();
} catch (error) {
  state.failure = error instanceof Aborted ? error.message : `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  // Phase times up to the failure, not up to the report; what the server holds then, if it still answers.
  if (state.changesStartedAt !== undefined) state.timings.changes ??= Date.now() - state.changesStartedAt;
  if (state.drainStartedAt !== undefined) state.timings.drain ??= Date.now() - state.drainStartedAt;
  if (state.server && !state.server.exited()) {
    if (state.cpu.changesStart !== undefined && state.cpu.drainEnd === undefined) state.cpu.drainEnd = totalCpuSeconds();
    state.memory.end ??= await state.server.memory({ gc: false, timeoutMs: 3_000 }).catch(() => undefined);
  }
} finally {
  clearTimeout(globalTimer);
  state.loopDelay?.disable();
  if (!state.failure) state.phase = 'report';
  await cleanup();
  ok = report();
}
process.exit(interrupted ? 130 : ok ? 0 : 1);
