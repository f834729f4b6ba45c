// Sends webhook deliveries (issue 24).
//
// What an endpoint receives (Standard Webhooks v1, https://www.standardwebhooks.com):
//
//   POST <the webhook's url>
//   content-type: application/json
//   user-agent: Juan365-Webhooks/1
//   webhook-id: msg_2f1c…            the same on every attempt and on a redelivery of this event: deduplicate on it
//   webhook-timestamp: 1765030000    seconds since 1970 when this attempt was signed (reject old ones: replays)
//   webhook-signature: v1,K5oZ…=     base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>" with the
//                                    secret (the base64 after "whsec_"); verify with any Standard Webhooks library
//
//   {
//     "type": "ticket.status_changed",            "ticket." + the TicketEventType in lower case
//     "timestamp": "2026-12-06T14:30:00.123Z",    when the event happened
//     "data": {                                   the TicketEvent a subscription gets, as the webhook's owner may read it
//       "eventId": "1234", "type": "STATUS_CHANGED", "at": "2026-12-06T14:30:00.123Z",
//       "actor": { "id", "username", "displayName", "kind" } | null,
//       "ticket": { "id", "number", "title", "description", "status", "priority", "requestType", "fileFormat",
//         "criteria", "complexity", "quantity", "dueDate", "isOverdue", "scheduledStart", "scheduledEnd",
//         "estimatedHours", "actualHours", "revisionCount", "rejectionReason", "version", "createdAt", "updatedAt",
//         "assignedAt", "startedAt", "completedAt", "closedAt", "deletedAt", "department": { "id", "name" },
//         "requester": { "id", "username", "displayName" }, "assignee": {…} | null, "collaborators": [{…}] }
//     }
//   }
//   (the exact selection: graphql/webhook-payload.ts WEBHOOK_EVENT_SELECTION; ids are the API's global IDs)
//
// Which events: those of the webhook's types (and department, if it has one) that its owner could receive by
// subscription, judged on the ticket as it is when the delivery is first tried; a ticket the owner may not read
// is not sent (SKIPPED, with the reason), nor is anything of an owner who was deactivated.
//
// How: deliveries are written in the transaction of the change (services/ticket-changes.ts), so a crash never
// loses one. Workers on every instance claim due rows with FOR UPDATE SKIP LOCKED and a lease (lockedBy,
// lockedUntil), so no row is sent by two at once and a crashed worker's rows come back when its lease ends (a
// receiver may then get an attempt twice: deduplicate on webhook-id). Only the oldest PENDING delivery of each
// (webhook, ticket) is claimable, so one ticket's events arrive in order. The body is frozen at the first
// attempt; every attempt is signed anew (fresh webhook-timestamp) and goes through the SSRF-guarded agent
// (webhook-agent.ts, keep-alive connections) with a short timeout and no redirects.
//
// A pass claims up to batchSize (200) deliveries; renders each (owner, event) once for all of that owner's
// deliveries of it, so the owner's read rule is judged once per event per pass; freezes the new bodies one
// statement per event; sends at most `concurrency` (50) attempts at once and `perEndpointConcurrency` (4) to one
// endpoint; and records successes set-based (one UPDATE for those that finished while the previous one ran). A
// delivery whose lease would run out before its attempt could time out goes back unsent rather than risk a
// second worker sending it too.
//
// Answers (domain/webhooks.ts responseVerdict): 2xx delivered. 5xx, 429, 408, timeouts and network errors are
// retried with exponential backoff and jitter, waiting at least what Retry-After asks, until a day after the
// event: then DEAD. 410 Gone: DEAD and the endpoint is turned off. Any other status (3xx included: redirects are
// not followed; 4xx) and a refused address: DEAD at once, since the same request would be refused again. After
// the configured number of dead deliveries in a row (WEBHOOK_DISABLE_AFTER_DEAD) the endpoint is turned off and
// its owner gets an in-app notification (WEBHOOK_DISABLED); a success resets the count.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Webhook as Signer } from 'standardwebhooks';
import type { Agent, request } from 'undici';
import type { PrismaClient, WebhookDelivery } from '../db/generated/prisma/client.ts';
import { nextRetryAt, parseRetryAfter, type RetryTuning, responseVerdict, type WebhookPayload, webhookEventName } from '../domain/webhooks.ts';
import type { WebhookEventRenderer } from '../graphql/webhook-payload.ts';
import type { Logger } from '../logger.ts';
import { announceIn, type TransactionRunner } from '../services/ticket-changes.ts';
import { createTimerLoop } from './timer-loop.ts';
import { checkTarget, TargetRefusedError } from './webhook-target.ts';

export type WebhookTuning = RetryTuning & {
  /** How long a claimed delivery belongs to this worker (longer than an attempt can take). */
  leaseMs: number;
  /** Deliveries claimed per pass (each the oldest pending one of its webhook and ticket). */
  batchSize: number;
  /** Attempts in flight at once, over all endpoints. */
  concurrency: number;
  /** Attempts in flight at once to one endpoint (origin: the agent's sockets are per origin), so a slow one cannot hold every slot. */
  perEndpointConcurrency: number;
  /** Idle wait between looks at the table (a change on this instance wakes the worker at once). */
  pollIntervalMs: number;
  /** One attempt, connect to last byte (WEBHOOK_TIMEOUT_SECONDS). */
  timeoutMs: number;
  /** Dead deliveries in a row that turn an endpoint off (WEBHOOK_DISABLE_AFTER_DEAD). */
  disableAfterDead: number;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS. */
  allowPrivateTargets: boolean;
};

export const DEFAULT_WEBHOOK_TUNING: WebhookTuning = {
  leaseMs: 60_000,
  batchSize: 200,
  concurrency: 50,
  perEndpointConcurrency: 4,
  pollIntervalMs: 1_000,
  timeoutMs: 10_000,
  baseMs: 10_000,
  capMs: 60 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
  disableAfterDead: 5,
  allowPrivateTargets: false,
};

/** How much of a response body the delivery log keeps. */
const RESPONSE_BODY_LIMIT = 4096;
const USER_AGENT = 'Juan365-Webhooks/1';
/** Renderings in flight at once in a pass: each runs a few statements, and the pool also serves the API's requests. */
const RENDER_CONCURRENCY = 8;

export type WebhookDispatcherDeps = {
  prisma: PrismaClient;
  render: WebhookEventRenderer;
  /** Writes the owner's notification when an endpoint is turned off, and publishes it once committed. */
  inTransaction: TransactionRunner;
  logger: Logger;
  tuning?: Partial<WebhookTuning>;
  workerId?: string;
};

type Outcome = 'delivered' | 'failed' | 'dead' | 'skipped' | 'released';

/** What one attempt got: an answer, or an error before one (no status). */
type Attempt =
  | { status: number; body: string; retryAfter: string | null; durationMs: number }
  | { error: string; refused: boolean; durationMs: number; status?: undefined };

export function createWebhookDispatcher(deps: WebhookDispatcherDeps) {
  const { prisma, logger } = deps;
  const tuning = { ...DEFAULT_WEBHOOK_TUNING, ...deps.tuning };
  const workerId = deps.workerId ?? randomUUID();
  /** undici and the agent, loaded by the first send: an instance may never send a webhook (see webhook-agent.ts). */
  let http: Promise<{ request: typeof request; agent: Agent }> | undefined;
  const openHttp = () =>
    (http ??= import('./webhook-agent.ts').then(({ createTargetAgent, request }) => ({
      request,
      agent: createTargetAgent({ allowPrivate: tuning.allowPrivateTargets, connectTimeoutMs: tuning.timeoutMs }),
    })));

  /** Leases up to batchSize due deliveries of enabled webhooks, each the oldest pending one of its (webhook, ticket). */
  async function claim(): Promise<WebhookDelivery[]> {
    const claimed = await prisma.$queryRaw<{ id: bigint }[]>`
      WITH next AS (
        SELECT d."id" FROM "WebhookDelivery" d
        JOIN "Webhook" w ON w."id" = d."webhookId" AND w."enabled"
        WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
          AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= (now() AT TIME ZONE 'UTC'))
          AND NOT EXISTS (
            SELECT 1 FROM "WebhookDelivery" e
            WHERE e."status" = 'PENDING' AND e."webhookId" = d."webhookId" AND e."ticketId" = d."ticketId" AND e."id" < d."id")
        ORDER BY d."nextAttemptAt", d."id" LIMIT ${tuning.batchSize}
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE "WebhookDelivery" SET "lockedBy" = ${workerId},
        "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${`${tuning.leaseMs} milliseconds`}::interval
      FROM next WHERE "WebhookDelivery"."id" = next."id"
      RETURNING "WebhookDelivery"."id"`;
    if (!claimed.length) return [];
    return prisma.webhookDelivery.findMany({ where: { id: { in: claimed.map((row) => row.id) }, lockedBy: workerId }, orderBy: { id: 'asc' } });
  }

  /** Only while this worker still holds the lease: a row whose lease ran out may be someone else's now. */
  const mine = (row: WebhookDelivery) => ({ id: row.id, lockedBy: workerId });
  const release = { lockedBy: null, lockedUntil: null };
  const mineAll = (ids: bigint[]) => ({ id: { in: ids }, lockedBy: workerId });

  /** A delivery's body as its owner may receive the event now, or why it is not sent. */
  type Rendering = { ok: true; body: string } | { ok: false; reason: string };

  async function renderBody(ownerId: string, row: WebhookDelivery): Promise<Rendering> {
    const rendered = await deps.render(ownerId, { eventId: row.eventId, type: row.eventType, ticketId: row.ticketId });
    if (!rendered.ok) return rendered;
    const payload: WebhookPayload<unknown> = { type: webhookEventName(row.eventType), timestamp: rendered.at.toISOString(), data: rendered.data };
    return { ok: true, body: JSON.stringify(payload) };
  }

  type Sendable = { row: WebhookDelivery; url: string; secret: string; body: string };
  type Success = { row: WebhookDelivery; attempt: Attempt & { status: number }; at: Date };

  /** Records successful attempts in one statement, and resets their endpoints' dead counts in another. */
  async function recordSuccesses(successes: Success[]): Promise<void> {
    if (!successes.length) return;
    const ids = successes.map(({ row }) => row.id.toString());
    const statuses = successes.map(({ attempt }) => String(attempt.status));
    const bodies = successes.map(({ attempt }) => attempt.body);
    const attempts = successes.map(({ row }) => String(row.attempts + 1));
    const durations = successes.map(({ attempt }) => String(attempt.durationMs));
    const ats = successes.map(({ at }) => at.toISOString());
    const done = await prisma.$queryRaw<{ webhookId: string }[]>`
      UPDATE "WebhookDelivery" AS d SET "status" = 'SUCCEEDED', "lockedBy" = NULL, "lockedUntil" = NULL,
        "responseStatus" = v.status, "responseBody" = v.body, "lastError" = NULL, "attempts" = v.attempts,
        "durationMs" = v.duration, "lastAttemptAt" = v.at AT TIME ZONE 'UTC', "deliveredAt" = v.at AT TIME ZONE 'UTC'
      FROM unnest(${ids}::bigint[], ${statuses}::int[], ${bodies}::text[], ${attempts}::int[], ${durations}::int[], ${ats}::timestamptz[])
        AS v(id, status, body, attempts, duration, at)
      WHERE d."id" = v.id AND d."lockedBy" = ${workerId}
      RETURNING d."webhookId"::text AS "webhookId"`;
    const webhookIds = [...new Set(done.map((row) => row.webhookId))];
    if (webhookIds.length) await prisma.webhook.updateMany({ where: { id: { in: webhookIds }, consecutiveDead: { gt: 0 } }, data: { consecutiveDead: 0 } });
  }

  async function send(url: string, secret: string, messageId: string, body: string): Promise<Attempt> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const target = new URL(url);
      // A name is checked by the agent's lookup as it connects; an IP literal is never looked up, so here.
      if (isIP(target.hostname.replace(/^\[|\]$/g, ''))) await checkTarget(target, tuning.allowPrivateTargets);
      const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const signature = new Signer(secret).sign(messageId, signedAt, body);
      const { request, agent } = await openHttp();
      const response = await request(target, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': messageId,
          'webhook-timestamp': String(signedAt.getTime() / 1000),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(tuning.timeoutMs),
        headersTimeout: tuning.timeoutMs,
        bodyTimeout: tuning.timeoutMs,
      });
      const text = await readLimited(response.body);
      const retryAfter = response.headers['retry-after'];
      return { status: response.statusCode, body: text, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, durationMs: elapsed() };
    } catch (error) {
      const refused = error instanceof TargetRefusedError || (error as { code?: string }).code === 'EWEBHOOKTARGET';
      return { error: describe(error), refused, durationMs: elapsed() };
    }
  }

  async function settle(row: WebhookDelivery, attempt: Attempt): Promise<Outcome> {
    const now = new Date();
    const attempts = row.attempts + 1;
    const answered =
      attempt.status === undefined
        ? { responseStatus: null, responseBody: null, lastError: attempt.error }
        : { responseStatus: attempt.status, responseBody: attempt.body, lastError: null };
    const recorded = { ...release, ...answered, attempts, durationMs: attempt.durationMs, lastAttemptAt: now };
    const verdict = attempt.status === undefined ? (attempt.refused ? 'refused' : 'retry') : responseVerdict(attempt.status);
    if (verdict === 'delivered') {
      const done = await prisma.webhookDelivery.updateMany({ where: mine(row), data: { ...recorded, status: 'SUCCEEDED', deliveredAt: now } });
      if (done.count === 1) await prisma.webhook.updateMany({ where: { id: row.webhookId, consecutiveDead: { gt: 0 } }, data: { consecutiveDead: 0 } });
      return 'delivered';
    }
    const lastError = answered.lastError ?? `HTTP ${attempt.status}${verdict === 'retry' ? '' : ' (not retried)'}`;
    if (verdict === 'retry') {
      const retryAfterMs = attempt.status === undefined ? null : parseRetryAfter(attempt.retryAfter, now);
      const at = nextRetryAt(attempts, row.createdAt, now, tuning, retryAfterMs);
      if (at) {
        await prisma.webhookDelivery.updateMany({ where: mine(row), data: { ...recorded, lastError, nextAttemptAt: at } });
        return 'failed';
      }
    }
    const reason = verdict === 'retry' ? `${lastError}; gave up after ${attempts} attempts` : lastError;
    await dead(row, { ...recorded, lastError: reason }, verdict === 'gone' ? 'The endpoint answered 410 Gone.' : null);
    return 'dead';
  }

  /**
   * Parks the delivery DEAD and counts it against its endpoint, which is turned off (its owner notified) at the
   * configured count, or at once with `disableNow` (a 410).
   */
  async function dead(row: WebhookDelivery, data: Record<string, unknown>, disableNow: string | null): Promise<void> {
    const disabled = await deps.inTransaction(async (tx, effects) => {
      const parked = await tx.webhookDelivery.updateMany({ where: mine(row), data: { ...data, status: 'DEAD' } });
      if (parked.count !== 1) return null;
      const [counted] = await tx.$queryRaw<{ consecutiveDead: number; ownerId: string; url: string }[]>`
        UPDATE "Webhook" SET "consecutiveDead" = "consecutiveDead" + 1 WHERE "id" = ${row.webhookId}::uuid
        RETURNING "consecutiveDead", "ownerId", "url"`;
      if (!counted) return null;
      const reason =
        disableNow ?? (counted.consecutiveDead >= tuning.disableAfterDead ? `${counted.consecutiveDead} deliveries in a row failed for good.` : null);
      if (!reason) return null;
      const off = await tx.webhook.updateMany({
        where: { id: row.webhookId, enabled: true },
        data: { enabled: false, disabledReason: reason, disabledAt: new Date() },
      });
      if (off.count !== 1) return null;
      await announceIn(tx, effects, {
        kind: 'WEBHOOK_DISABLED',
        actorId: null,
        ticket: null,
        recipientIds: [counted.ownerId],
        title: 'A webhook was turned off',
        body: `${counted.url}: ${reason} Fix the endpoint, then turn the webhook back on (its undelivered events wait for it).`,
        groupMessage: false,
      });
      return reason;
    });
    if (disabled) logger.warn(`webhook ${row.webhookId} turned off: ${disabled}`);
  }

  /**
   * One pass: claims a batch; renders each (owner, event) once for all of that owner's deliveries of it (the read
   * rule judged once per pass); freezes the new bodies; sends with bounded concurrency (per endpoint too); records
   * the successes set-based. Returns how many it settled.
   */
  async function runOnce(): Promise<number> {
    const claimedAt = Date.now();
    const rows = await claim();
    if (!rows.length) return 0;
    let settled = 0;
    const failedUnexpectedly = async (row: WebhookDelivery, error: unknown): Promise<void> => {
      logger.error(`webhook delivery ${row.id} failed unexpectedly`, error);
      // A failed attempt like any other: retried with backoff, DEAD after the give-up time (should this fail
      // too, the lease ends and the row comes back).
      await settle(row, { error: `Internal error: ${describe(error)}`, refused: false, durationMs: 0 }).catch(() => 'failed');
      settled++;
    };

    const webhookIds = [...new Set(rows.map((row) => row.webhookId))];
    const webhooks = new Map((await prisma.webhook.findMany({ where: { id: { in: webhookIds } } })).map((webhook) => [webhook.id, webhook]));
    // Turned off (or deleted) since the claim: those deliveries wait, pending, for the endpoint to come back.
    const parked = rows.filter((row) => !webhooks.get(row.webhookId)?.enabled);
    if (parked.length) await prisma.webhookDelivery.updateMany({ where: mineAll(parked.map((row) => row.id)), data: release });

    // Judged at every attempt (once per owner and event in a pass), on the ticket as it is now: an owner who lost
    // the ticket gets nothing more of it.
    const renderings = new Map<string, Promise<Rendering>>();
    const renderSlot = createLimiter(RENDER_CONCURRENCY);
    const live = rows.flatMap((row) => {
      const webhook = webhooks.get(row.webhookId);
      if (!webhook?.enabled) return [];
      const key = `${webhook.ownerId} ${row.eventId}`;
      let rendering = renderings.get(key);
      if (!rendering) {
        rendering = renderSlot(() => renderBody(webhook.ownerId, row));
        renderings.set(key, rendering);
      }
      return [{ row, webhook, key, rendering }];
    });
    await Promise.allSettled(renderings.values());

    const skipped = new Map<string, bigint[]>();
    const toFreeze = new Map<string, { body: string; ids: bigint[] }>();
    const ready: (Sendable & { key: string })[] = [];
    for (const { row, webhook, key, rendering } of live) {
      const result = await rendering.catch((error: unknown) => error as Error);
      if (result instanceof Error) {
        await failedUnexpectedly(row, result);
        continue;
      }
      if (!result.ok) {
        skipped.set(result.reason, [...(skipped.get(result.reason) ?? []), row.id]);
        continue;
      }
      if (row.requestBody === null) {
        const group = toFreeze.get(key) ?? { body: result.body, ids: [] };
        group.ids.push(row.id);
        toFreeze.set(key, group);
      }
      ready.push({ row, url: webhook.url, secret: webhook.secret, body: row.requestBody ?? result.body, key });
    }
    for (const [reason, ids] of skipped) {
      const done = await prisma.webhookDelivery.updateMany({ where: mineAll(ids), data: { ...release, status: 'SKIPPED', lastError: reason } });
      settled += done.count;
    }
    // Frozen before they are sent: an attempt after a crash sends these bytes, not a newer rendering.
    const frozen = new Set<bigint>();
    for (const { body, ids } of toFreeze.values()) {
      const rowsFrozen = await prisma.webhookDelivery.updateManyAndReturn({
        where: { ...mineAll(ids), requestBody: null },
        data: { requestBody: body },
        select: { id: true },
      });
      for (const { id } of rowsFrozen) frozen.add(id);
    }
    const sendable = ready.filter(({ row }) => row.requestBody !== null || frozen.has(row.id));

    const successes: Success[] = [];
    const flush = async () => {
      const batch = successes.splice(0);
      await recordSuccesses(batch).catch((error: unknown) => logger.error('recording webhook deliveries failed', error));
      settled += batch.length;
    };
    // Successes are written together: those that arrive while one statement runs go in the next.
    let recording: Promise<void> | undefined;
    const recordSoon = () => {
      recording ??= (async () => {
        while (successes.length) {
          await new Promise((resolve) => setImmediate(resolve));
          await flush();
        }
        recording = undefined;
      })();
    };
    // The lease must outlast the attempt: a delivery that waited too long for a slot goes back, unsent.
    const leaseLeft = () => claimedAt + tuning.leaseMs - Date.now();
    await runBounded(
      sendable,
      tuning.concurrency,
      ({ url }) => originOf(url),
      tuning.perEndpointConcurrency,
      async ({ row, url, secret, body }) => {
        try {
          if (leaseLeft() < tuning.timeoutMs + 1_000) {
            await prisma.webhookDelivery.updateMany({ where: mine(row), data: release });
            return;
          }
          const attempt = await send(url, secret, row.messageId, body);
          if (attempt.status !== undefined && responseVerdict(attempt.status) === 'delivered') {
            successes.push({ row, attempt, at: new Date() });
            recordSoon();
            return;
          }
          await settle(row, attempt);
          settled++;
        } catch (error) {
          await failedUnexpectedly(row, error);
        }
      },
    );
    await recording;
    await flush();
    return settled;
  }

  const loop = createTimerLoop({
    pass: runOnce,
    // A pass that settled something may have unblocked the next delivery of a ticket: look again at once.
    waitAfter: (settled) => (settled ? 0 : tuning.pollIntervalMs),
    onError: (error) => logger.error('webhook dispatcher pass failed', error),
  });

  return {
    workerId,
    runOnce,
    start: loop.start,
    /** A change committed deliveries: look now rather than at the next poll. */
    wake: loop.wake,
    /** Waits for the pass in flight; a delivery it leased but did not finish comes back when the lease ends. */
    async stop() {
      await loop.stop();
      await http?.then(
        ({ agent }) => agent.close(),
        () => {},
      );
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

/** The first RESPONSE_BODY_LIMIT bytes as text; the rest is not read (the connection is dropped instead). */
async function readLimited(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_BODY_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (error as { code?: string }).code;
    const detail = cause instanceof Error && cause.message !== error.message ? `: ${cause.message}` : '';
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `No answer within the timeout${detail}`;
    return `${code && !error.message.includes(code) ? `${code} ` : ''}${error.message}${detail}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}

/** Runs `task` for every item, at most `limit` at once and at most `perKey` of one key at once. `task` must not throw. */
function runBounded<T>(items: T[], limit: number, keyOf: (item: T) => string, perKey: number, task: (item: T) => Promise<void>): Promise<void> {
  const waiting = [...items];
  const active = new Map<string, number>();
  let running = 0;
  return new Promise((resolve) => {
    const next = () => {
      if (!waiting.length && running === 0) return resolve();
      for (let i = 0; i < waiting.length && running < limit; ) {
        const item = waiting[i] as T;
        const key = keyOf(item);
        const busy = active.get(key) ?? 0;
        if (busy >= perKey) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        running++;
        active.set(key, busy + 1);
        task(item)
          .catch(() => {})
          .finally(() => {
            running--;
            active.set(key, (active.get(key) ?? 1) - 1);
            next();
          });
      }
    };
    next();
  });
}

/** Where the agent's sockets go (webhooks on one host and port share them). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Runs the functions it is given at most `limit` at once, the others in turn. */
function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    // A slot is handed from the one that finishes to the next waiting, so `active` never passes the limit.
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
