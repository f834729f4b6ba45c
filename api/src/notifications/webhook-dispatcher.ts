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
// (webhook-target.ts) with a short timeout and no redirects.
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
import { request } from 'undici';
import type { PrismaClient, WebhookDelivery } from '../db/generated/prisma/client.ts';
import { nextRetryAt, parseRetryAfter, type RetryTuning, responseVerdict, type WebhookPayload, webhookEventName } from '../domain/webhooks.ts';
import type { WebhookEventRenderer } from '../graphql/webhook-payload.ts';
import type { Logger } from '../logger.ts';
import { announceIn, type TransactionRunner } from '../services/ticket-changes.ts';
import { createTimerLoop } from './timer-loop.ts';
import { checkTarget, createTargetAgent, TargetRefusedError } from './webhook-target.ts';

export type WebhookTuning = RetryTuning & {
  /** How long a claimed delivery belongs to this worker (longer than an attempt can take). */
  leaseMs: number;
  /** Deliveries claimed per pass, sent side by side (each of a different webhook and ticket). */
  batchSize: number;
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
  batchSize: 20,
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
  const agent = createTargetAgent({ allowPrivate: tuning.allowPrivateTargets, connectTimeoutMs: tuning.timeoutMs });

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

  async function deliver(row: WebhookDelivery): Promise<Outcome> {
    const webhook = await prisma.webhook.findUnique({ where: { id: row.webhookId } });
    if (!webhook?.enabled) {
      // Turned off (or deleted) since the claim: the delivery waits, pending, for the endpoint to come back.
      await prisma.webhookDelivery.updateMany({ where: mine(row), data: release });
      return 'released';
    }
    // Judged at every attempt, on the ticket as it is now: an owner who lost the ticket gets nothing more of it.
    const rendered = await deps.render(webhook.ownerId, { eventId: row.eventId, type: row.eventType, ticketId: row.ticketId });
    if (!rendered.ok) {
      await prisma.webhookDelivery.updateMany({ where: mine(row), data: { ...release, status: 'SKIPPED', lastError: rendered.reason } });
      return 'skipped';
    }
    let body = row.requestBody;
    if (body === null) {
      const payload: WebhookPayload<unknown> = { type: webhookEventName(row.eventType), timestamp: rendered.at.toISOString(), data: rendered.data };
      body = JSON.stringify(payload);
      // Frozen before it is sent: an attempt after a crash sends these bytes, not a newer rendering.
      const frozen = await prisma.webhookDelivery.updateMany({ where: { ...mine(row), requestBody: null }, data: { requestBody: body } });
      if (frozen.count !== 1) return 'released';
    }
    const attempt = await send(webhook.url, webhook.secret, row.messageId, body);
    return settle(row, attempt);
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

  /** One pass: claims a batch and tries each once, side by side. Returns how many it settled. */
  async function runOnce(): Promise<number> {
    const rows = await claim();
    const outcomes = await Promise.all(
      rows.map((row) =>
        deliver(row).catch(async (error: unknown): Promise<Outcome> => {
          logger.error(`webhook delivery ${row.id} failed unexpectedly`, error);
          // A failed attempt like any other: retried with backoff, DEAD after the give-up time (should this fail
          // too, the lease ends and the row comes back).
          return settle(row, { error: `Internal error: ${describe(error)}`, refused: false, durationMs: 0 }).catch(() => 'failed' as const);
        }),
      ),
    );
    return outcomes.filter((outcome) => outcome !== 'released').length;
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
      await agent.close();
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
