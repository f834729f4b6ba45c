// The one way a ticket changes: a conditional update (still the version and status we read), then its history
// entry, activity log row and announcements, all in the caller's transaction. Events are collected and
// published only after the transaction commits.
import type { NotificationKind, Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { TicketFacts } from '../domain/ticket-access.ts';
import { diffSnapshots, snapshotOf, type FieldChange, type TicketSnapshot } from '../domain/ticket-snapshot.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { Transition, TicketEventType, TicketStamp } from '../domain/workflow.ts';
import { announce, type Tx } from './notifications.ts';

export const TICKET_WITH_COLLABORATORS = { collaborators: { select: { userId: true } } } satisfies Prisma.TicketInclude;
export type TicketRow = Prisma.TicketGetPayload<{ include: typeof TICKET_WITH_COLLABORATORS }>;

/** Advisory lock key that serializes event id allocation with commit (see recordTicketEvent). */
const EVENT_ORDER_LOCK = 365_0001;

export type TicketEventRecord = {
  /** ActivityLog id: increasing, durable, the realtime event id. */
  eventId: bigint;
  ticketId: string;
  type: TicketEventType;
  actorId: string | null;
  at: Date;
};

export type CommittedEffects = {
  ticketEvents: TicketEventRecord[];
  notifications: { id: string; recipientId: string }[];
};

/** Receives what a committed transaction did; realtime delivery plugs in here. */
export type EffectsSink = (effects: CommittedEffects) => void;

/** The columns the workflow rules read; a GraphQL field that needs them selects exactly these. */
export const FACTS_SELECTION = {
  status: true,
  requesterId: true,
  departmentId: true,
  assigneeId: true,
  reachedCreativeAt: true,
  deletedAt: true,
  collaborators: { select: { userId: true } },
} as const satisfies Prisma.TicketSelect;

export function factsOf(row: Prisma.TicketGetPayload<{ select: typeof FACTS_SELECTION }>): TicketFacts {
  return {
    status: row.status,
    requesterId: row.requesterId,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    collaboratorIds: row.collaborators.map((collaborator) => collaborator.userId),
    reachedCreative: row.reachedCreativeAt !== null,
    deleted: row.deletedAt !== null,
  };
}

export function snapshotOfRow(row: TicketRow): TicketSnapshot {
  return snapshotOf({ ...row, collaboratorIds: row.collaborators.map((collaborator) => collaborator.userId) });
}

export function stampsData(stamps: readonly TicketStamp[], now: Date): Partial<Record<TicketStamp, Date>> {
  return Object.fromEntries(stamps.map((stamp) => [stamp, now]));
}

/** Runs `work` in one transaction and hands its effects to the sink only once it committed. */
export function createTransactionRunner(prisma: PrismaClient, sink: EffectsSink) {
  return async function inTransaction<T>(work: (tx: Tx, effects: CommittedEffects) => Promise<T>): Promise<T> {
    const effects: CommittedEffects = { ticketEvents: [], notifications: [] };
    // Generous waits: under a burst of concurrent writers the pool queues, and a loser must get CONFLICT,
    // not a pool timeout.
    const result = await prisma.$transaction((tx) => work(tx, effects), { maxWait: 15_000, timeout: 30_000 });
    sink(effects);
    return result;
  };
}

export async function loadTicketForChange(
  tx: Tx,
  id: string,
  options: { expectedVersion?: number | null; inTrash?: boolean } = {},
): Promise<TicketRow> {
  const row = await tx.ticket.findUnique({ where: { id }, include: TICKET_WITH_COLLABORATORS });
  // Trashed tickets vanish from everything but the trash actions.
  if (!row || (row.deletedAt !== null) !== Boolean(options.inTrash)) throw new NotFoundError('Ticket');
  if (options.expectedVersion != null && row.version !== options.expectedVersion) {
    throw new ConflictError(`The ticket is at version ${row.version}, not ${options.expectedVersion}; reload and try again.`);
  }
  return row;
}

export type ChangeRequest = {
  viewer: Viewer;
  before: TicketRow;
  transition: Transition;
  data?: Prisma.TicketUncheckedUpdateManyInput;
  reason?: string | null;
  summary: string;
  /** Writes to other tables that belong to this change (collaborators, product items), after the guard passed. */
  alsoWrite?: (tx: Tx) => Promise<void>;
  /** What to announce, given the changed ticket. */
  announce?: (after: TicketRow, tx: Tx) => Promise<{ kind: NotificationKind; recipientIds: string[]; title: string; body?: string } | null>;
  /** Override the event type (a status-preserving action can still be an ASSIGNED event etc.). */
  eventType?: TicketEventType;
};

export type ChangeResult = { ticket: TicketRow; historyId: string | null; changes: FieldChange[] };

export async function commitTicketChange(tx: Tx, effects: CommittedEffects, request: ChangeRequest): Promise<ChangeResult> {
  const { before, transition, viewer } = request;
  const guarded = await tx.ticket.updateMany({
    where: { id: before.id, version: before.version, status: before.status },
    data: { ...request.data, status: transition.to, version: { increment: 1 } },
  });
  if (guarded.count !== 1) throw new ConflictError();
  await request.alsoWrite?.(tx);
  const after = await tx.ticket.findUniqueOrThrow({ where: { id: before.id }, include: TICKET_WITH_COLLABORATORS });
  const changes = diffSnapshots(snapshotOfRow(before), snapshotOfRow(after));
  let historyId: string | null = null;
  if (transition.effects.history) {
    const entry = await tx.ticketHistory.create({
      data: {
        ticketId: after.id,
        actorId: viewer.id,
        action: transition.effects.history,
        fromStatus: before.status,
        toStatus: after.status,
        changes,
        snapshot: snapshotOfRow(after),
        reason: request.reason ?? null,
        version: after.version,
      },
      select: { id: true },
    });
    historyId = entry.id;
  }
  await recordTicketEvent(tx, effects, {
    viewer,
    ticket: after,
    action: transition.action,
    type: request.eventType ?? transition.effects.event,
    summary: request.summary,
    metadata: {
      number: after.number,
      fromStatus: before.status,
      toStatus: after.status,
      historyId,
      fields: changes.map((change) => change.field),
      ...(request.reason ? { reason: request.reason } : {}),
    },
  });
  const message = await request.announce?.(after, tx);
  if (message) {
    const announced = await announce(tx, {
      ...message,
      actorId: viewer.id,
      ticket: { id: after.id, number: after.number, title: after.title },
    });
    effects.notifications.push(...announced.notificationIds.map((id, index) => ({ id, recipientId: announced.recipientIds[index]! })));
  }
  return { ticket: after, historyId, changes };
}

export async function recordTicketEvent(
  tx: Tx,
  effects: CommittedEffects,
  event: {
    viewer: Viewer | null;
    ticket: { id: string; number: number } | null;
    action: string;
    type: TicketEventType;
    summary: string;
    metadata: Prisma.InputJsonObject;
  },
): Promise<bigint> {
  // Event ids must become visible in id order, or a subscriber catching up after id N could miss a lower id
  // that committed later. Holding this lock from id allocation to commit makes commit order = id order.
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
  const row = await tx.activityLog.create({
    data: {
      actorId: event.viewer?.id ?? null,
      ticketId: event.ticket?.id ?? null,
      action: event.action,
      eventType: event.type,
      summary: event.summary,
      metadata: event.metadata,
    },
    select: { id: true, createdAt: true },
  });
  if (event.ticket) {
    effects.ticketEvents.push({ eventId: row.id, ticketId: event.ticket.id, type: event.type, actorId: event.viewer?.id ?? null, at: row.createdAt });
  }
  return row.id;
}
