// The commit step of the ticket pipeline: the one way a ticket changes. What the workflow table decided and
// the action's plan described is written here in one transaction: the row (a conditional update that must
// still find the version and status we read, or the insert / delete), the plan's extra rows, the history
// entry with from→to of every changed field and a snapshot, the activity log row, and the notifications and
// outbox rows. Events are collected and published only after the transaction commits.
import type { Annotation, Attachment, Comment, Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { ConflictError } from '../domain/errors.ts';
import type { TicketStatus } from '../domain/ticket-access.ts';
import { diffSnapshots, type FieldChange } from '../domain/ticket-snapshot.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { Creation, HistoryAction, RowWrite, TicketEventType, TicketStamp, Transition } from '../domain/workflow.ts';
import { type Announcement, announceAll, type Tx } from './notifications.ts';
import { snapshotOfRow, TICKET_WITH_COLLABORATORS, type TicketRow } from './ticket-rows.ts';
import { readerMayReadTicketSql } from './ticket-visibility.ts';

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
  /** Webhook deliveries the transaction wrote (the dispatcher is woken only when there are some). */
  webhookDeliveries: number;
};

/** Receives what a committed transaction did; realtime delivery plugs in here. */
export type EffectsSink = (effects: CommittedEffects) => void;

export function stampsData(stamps: readonly TicketStamp[], now: Date): Partial<Record<TicketStamp, Date>> {
  return Object.fromEntries(stamps.map((stamp) => [stamp, now]));
}

/**
 * The one "commit and announce" path: every write that records events or notifications runs in here (tickets,
 * accounts, deadline notices), so whatever it announced is published live once it committed, and never before.
 */
export type TransactionRunner = <T>(work: (tx: Tx, effects: CommittedEffects) => Promise<T>) => Promise<T>;

/** Runs `work` in one transaction and hands its effects to the sink only once it committed. */
export function createTransactionRunner(prisma: PrismaClient, sink: EffectsSink): TransactionRunner {
  return async function inTransaction<T>(work: (tx: Tx, effects: CommittedEffects) => Promise<T>): Promise<T> {
    const effects: CommittedEffects = { ticketEvents: [], notifications: [], webhookDeliveries: 0 };
    // Generous waits: under a burst of concurrent writers the pool queues, and a loser must get CONFLICT,
    // not a pool timeout.
    const result = await prisma.$transaction((tx) => work(tx, effects), { maxWait: 15_000, timeout: 30_000 });
    sink(effects);
    return result;
  };
}

/** Writes an announcement's notifications inside the transaction and lists them for the live push after commit. */
export function announceIn(tx: Tx, effects: CommittedEffects, announcement: Announcement, now?: Date): Promise<void> {
  return announceAllIn(tx, effects, [announcement], now);
}

/** announceIn for a batch, in the same few statements as one (the deadline scheduler's pages). */
export async function announceAllIn(tx: Tx, effects: CommittedEffects, announcements: readonly Announcement[], now?: Date): Promise<void> {
  effects.notifications.push(...(await announceAll(tx, announcements, now)));
}

/** Rows besides the ticket's own that belong to a change; written after the guarded row write passed. */
export type ExtraWrite =
  | { kind: 'replaceProductItems'; items: readonly { productId: string; quantity: number; criteria?: Prisma.TicketProductItemCreateManyInput['criteria'] }[] }
  | { kind: 'addCollaborator'; userId: string; addedById: string }
  | { kind: 'removeCollaborator'; userId: string }
  | { kind: 'replaceCollaborators'; userIds: readonly string[] }
  | {
      kind: 'comment';
      authorId: string;
      body: string;
      parentId?: string | null;
      mentionUserIds?: readonly string[];
      /** The comment is the root of this annotation's thread (proofing): both rows are written together. */
      annotation?: Omit<Prisma.AnnotationUncheckedCreateInput, 'commentId'>;
    }
  | { kind: 'attachment'; row: Omit<Prisma.AttachmentUncheckedCreateInput, 'ticketId'> }
  | { kind: 'removeAttachment'; attachmentId: string };

/** A notification to send: who and what; the actor and the ticket come from the change itself. */
export type AnnouncementPlan = Omit<Announcement, 'actorId' | 'ticket'>;

/**
 * What an action does, described as data by its pure plan. Texts that name what only the write decides (a new
 * ticket's number, a revision's count) are pure functions of the committed row.
 */
export type Plan = {
  /** The status for a rule whose target is 'FROM_SNAPSHOT'; no other rule may set it. */
  to?: TicketStatus;
  /** Column changes (UPDATE); the commit adds status, version and the rule's stamps. */
  fields?: Prisma.TicketUncheckedUpdateManyInput;
  /** The new row (INSERT); the commit adds status and the route's stamps. */
  insert?: Omit<Prisma.TicketUncheckedCreateInput, 'status'>;
  writes?: readonly ExtraWrite[];
  /** What the history entry lists as changed when the ticket row itself is not written (attachments). */
  recorded?: FieldChange[];
  /** Why, as the actor said it: stored on the history entry and in the event's metadata. */
  reason?: string | null;
  /**
   * The event when it is more specific than the table row's, for a change that leaves the ticket row as it is:
   * an annotation is a comment (the COMMENT row) that announces itself as ANNOTATION_ADDED.
   */
  event?: TicketEventType;
  /** The change is news about a ticket whose row it leaves as it is: its updatedAt moves (see touchTicket). */
  touch?: boolean;
  summary: (after: TicketRow) => string;
  announcements?: (after: TicketRow) => readonly AnnouncementPlan[];
};

export type Change = {
  viewer: Viewer;
  /** The row as loaded (null for creation). */
  before: TicketRow | null;
  transition: Transition | Creation;
  plan: Plan;
  now: Date;
};

export type Committed = {
  /** The ticket after the change (for a purge: as it was before it went). */
  ticket: TicketRow;
  historyId: string | null;
  changes: FieldChange[];
  /** Comments the change wrote, in order. */
  comments: Comment[];
  /** Attachments the change added or removed, in order. */
  attachments: Attachment[];
  /** Annotations the change added (each with its root comment in comments). */
  annotations: Annotation[];
};

function targetStatus(transition: Transition | Creation, plan: Plan): TicketStatus {
  if (transition.to === 'FROM_SNAPSHOT') {
    if (plan.to === undefined) throw new Error(`The plan of ${transition.action} must state the status it returns to.`);
    return plan.to;
  }
  if (plan.to !== undefined) throw new Error(`${transition.action} goes where the workflow table says; its plan cannot override that.`);
  return transition.to;
}

function mustHave(before: TicketRow | null, write: RowWrite): TicketRow {
  if (!before) throw new Error(`A ${write} change needs the loaded ticket.`);
  return before;
}

export async function commitChange(tx: Tx, effects: CommittedEffects, change: Change): Promise<Committed> {
  const { viewer, transition, plan, now } = change;
  const write: RowWrite = transition.effects.write ?? 'UPDATE';
  const to = targetStatus(transition, plan);
  if (plan.event && write !== 'NONE')
    throw new Error(`${transition.action} records the table's event; only a change that leaves the ticket row may name its own.`);

  let before: TicketRow | null = change.before;
  let after: TicketRow;
  if (write === 'INSERT') {
    if (!plan.insert) throw new Error(`The plan of ${transition.action} must describe the new ticket.`);
    after = await tx.ticket.create({
      data: { ...plan.insert, status: to, ...stampsData(transition.effects.stamps, now) },
      include: TICKET_WITH_COLLABORATORS,
    });
  } else {
    before = mustHave(change.before, write);
    // Still the version and status we read, or someone else changed the ticket first.
    const guard = { id: before.id, version: before.version, status: before.status };
    if (write === 'UPDATE') {
      const guarded = await tx.ticket.updateMany({
        where: guard,
        data: { ...stampsData(transition.effects.stamps, now), ...plan.fields, status: to, version: { increment: 1 } },
      });
      if (guarded.count !== 1) throw new ConflictError();
    } else if (write === 'DELETE') {
      const removed = await tx.ticket.deleteMany({ where: guard });
      if (removed.count !== 1) throw new ConflictError();
    }
    after = before;
  }

  const comments: Comment[] = [];
  const attachments: Attachment[] = [];
  const annotations: Annotation[] = [];
  for (const extra of plan.writes ?? []) {
    const written = await writeExtra(tx, after.id, extra, now);
    if (written?.comment) comments.push(written.comment);
    if (written?.attachment) attachments.push(written.attachment);
    if (written?.annotation) annotations.push(written.annotation);
  }
  if (write === 'UPDATE') after = await tx.ticket.findUniqueOrThrow({ where: { id: after.id }, include: TICKET_WITH_COLLABORATORS });

  const changes = write === 'UPDATE' && before ? diffSnapshots(snapshotOfRow(before), snapshotOfRow(after)) : (plan.recorded ?? []);
  if (write === 'NONE' && plan.touch) after = await touchTicket(tx, after, now);

  const historyId = transition.effects.history
    ? await recordHistoryEntry(tx, { viewer, before, after, action: transition.effects.history, changes, reason: plan.reason ?? null, now })
    : null;

  await recordTicketEvent(tx, effects, {
    viewer,
    // A purged ticket is gone: its event is recorded detached.
    ticket: write === 'DELETE' ? null : after,
    action: transition.action,
    type: plan.event ?? transition.effects.event,
    summary: plan.summary(after),
    metadata: eventMetadata(write, { before, after, historyId, changes, comments, attachments, annotations, reason: plan.reason ?? null }),
  });

  for (const message of plan.announcements?.(after) ?? []) {
    await announceIn(tx, effects, { ...message, actorId: viewer.id, ticket: { id: after.id, number: after.number, title: after.title } });
  }
  return { ticket: after, historyId, changes, comments, attachments, annotations };
}

/** What the activity log row records about the change, by what the change did to the row. */
function eventMetadata(
  write: RowWrite,
  change: {
    before: TicketRow | null;
    after: TicketRow;
    historyId: string | null;
    changes: FieldChange[];
    comments: Comment[];
    attachments: Attachment[];
    annotations: Annotation[];
    reason: string | null;
  },
): Prisma.InputJsonObject {
  const { before, after } = change;
  switch (write) {
    case 'INSERT':
      return { number: after.number, toStatus: after.status };
    case 'DELETE':
      return { number: after.number, title: after.title, purgedTicketId: after.id };
    case 'NONE':
      // The ticket is as it was; the event names the row the action added.
      return {
        number: after.number,
        ...(change.historyId ? { historyId: change.historyId } : {}),
        ...(change.comments[0] ? { commentId: change.comments[0].id } : {}),
        ...(change.attachments[0] ? { attachmentId: change.attachments[0].id } : {}),
        ...(change.annotations[0] ? { annotationId: change.annotations[0].id, attachmentId: change.annotations[0].attachmentId } : {}),
      };
    case 'UPDATE':
      return {
        number: after.number,
        fromStatus: before?.status ?? null,
        toStatus: after.status,
        historyId: change.historyId,
        fields: change.changes.map((entry) => entry.field),
        ...(change.reason ? { reason: change.reason } : {}),
      };
  }
}

async function writeExtra(
  tx: Tx,
  ticketId: string,
  extra: ExtraWrite,
  now: Date,
): Promise<{ comment?: Comment; attachment?: Attachment; annotation?: Annotation } | null> {
  switch (extra.kind) {
    case 'replaceProductItems':
      await tx.ticketProductItem.deleteMany({ where: { ticketId } });
      if (extra.items.length) {
        await tx.ticketProductItem.createMany({
          data: extra.items.map((item) => ({ ticketId, productId: item.productId, quantity: item.quantity, criteria: item.criteria ?? null })),
        });
      }
      return null;
    case 'addCollaborator':
      await tx.ticketCollaborator.create({ data: { ticketId, userId: extra.userId, addedById: extra.addedById } });
      return null;
    case 'removeCollaborator':
      await tx.ticketCollaborator.deleteMany({ where: { ticketId, userId: extra.userId } });
      return null;
    case 'replaceCollaborators':
      await tx.ticketCollaborator.deleteMany({ where: { ticketId } });
      if (extra.userIds.length) await tx.ticketCollaborator.createMany({ data: extra.userIds.map((userId) => ({ ticketId, userId })) });
      return null;
    case 'attachment':
      return { attachment: await tx.attachment.create({ data: { ...extra.row, ticketId } }) };
    case 'removeAttachment': {
      // A soft delete: the row (and so its bytes) stays for the history; only a purge of the ticket frees them.
      const removed = await tx.attachment.updateMany({ where: { id: extra.attachmentId, ticketId, deletedAt: null }, data: { deletedAt: now } });
      if (removed.count !== 1) throw new ConflictError('The attachment was removed by someone else.');
      return { attachment: await tx.attachment.findUniqueOrThrow({ where: { id: extra.attachmentId } }) };
    }
    case 'comment': {
      const comment = await tx.comment.create({
        data: {
          ticketId,
          authorId: extra.authorId,
          parentId: extra.parentId ?? null,
          body: extra.body,
          ...(extra.mentionUserIds ? { mentions: { create: extra.mentionUserIds.map((userId) => ({ userId })) } } : {}),
        },
      });
      if (!extra.annotation) return { comment };
      return { comment, annotation: await tx.annotation.create({ data: { ...extra.annotation, commentId: comment.id } }) };
    }
  }
}

/**
 * Moves the ticket's updatedAt (and only it) for a change that leaves its row otherwise as it is: a file, a new
 * version, a decision or an annotation is news about the ticket, so lists sorted by "updated" and the page's
 * "Updated" show it. The version stays: it guards edits of the ticket's own fields, which such a change does not
 * touch (an edit made with the version read before the upload still applies).
 */
export async function touchTicket(tx: Tx, ticket: TicketRow, now: Date): Promise<TicketRow> {
  await tx.ticket.updateMany({ where: { id: ticket.id }, data: { updatedAt: now } });
  return { ...ticket, updatedAt: now };
}

/**
 * The ticket's history entry: what changed (from → to of each field, or what the change recorded) and the
 * ticket's restorable state after it. `before` is null for a creation and, for a change that leaves the row
 * as it is, may be the ticket itself.
 */
export async function recordHistoryEntry(
  tx: Tx,
  entry: { viewer: Viewer; before: TicketRow | null; after: TicketRow; action: HistoryAction; changes: FieldChange[]; reason: string | null; now: Date },
): Promise<string> {
  const { after } = entry;
  const row = await tx.ticketHistory.create({
    data: {
      ticketId: after.id,
      actorId: entry.viewer.id,
      action: entry.action,
      fromStatus: entry.before?.status ?? null,
      toStatus: after.status,
      changes: entry.changes,
      snapshot: snapshotOfRow(after),
      reason: entry.reason,
      version: after.version,
      // The instant the change's stamps carry: a rollback restores stamps from the entries' times.
      createdAt: entry.now,
    },
    select: { id: true },
  });
  return row.id;
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
  // The activity log row and, in the same statement, a PENDING webhook delivery for every enabled webhook of an
  // active owner who may read the ticket (as it is after this change) and asked for this type and (when it
  // filters on one) this ticket's department: set-based, so a thousand endpoints cost what one does, and with no
  // webhooks the second insert reads an empty table and writes nothing (no extra round trip). No row is written
  // for a ticket the owner may not read: the delivery log would show its id and what happened to it. The rule is
  // checked again when it is sent (notifications/webhook-dispatcher.ts), as a subscription checks when it delivers.
  const [row] = await tx.$queryRaw<{ id: bigint; createdAt: Date; deliveries: number }[]>`
    WITH log AS (
      INSERT INTO "ActivityLog" ("actorId", "ticketId", "action", "eventType", "summary", "metadata", "createdAt")
      VALUES (${event.viewer?.id ?? null}::uuid, ${event.ticket?.id ?? null}::uuid, ${event.action}, ${event.type}::"TicketEventType",
        ${event.summary}, ${JSON.stringify(event.metadata)}::jsonb, (clock_timestamp() AT TIME ZONE 'UTC'))
      RETURNING "id", "createdAt", "ticketId", "eventType"
    ), deliveries AS (
      INSERT INTO "WebhookDelivery" ("webhookId", "eventId", "eventType", "ticketId", "nextAttemptAt", "createdAt")
      SELECT w."id", log."id", log."eventType", log."ticketId", log."createdAt", log."createdAt"
      FROM log
      JOIN "Ticket" t ON t."id" = log."ticketId"
      JOIN "Webhook" w ON w."enabled" AND log."eventType" = ANY (w."events") AND (w."departmentId" IS NULL OR w."departmentId" = t."departmentId")
      JOIN "User" owner ON owner."id" = w."ownerId" AND owner."isActive"
      LEFT JOIN "Department" owner_department ON owner_department."id" = owner."departmentId"
      WHERE ${readerMayReadTicketSql('owner', 'owner_department', 't')}
      RETURNING 1
    )
    SELECT "id", "createdAt", (SELECT count(*)::int FROM deliveries) AS "deliveries" FROM log`;
  if (!row) throw new Error('The activity log insert returned no row.');
  effects.webhookDeliveries += row.deliveries;
  if (event.ticket) {
    effects.ticketEvents.push({ eventId: row.id, ticketId: event.ticket.id, type: event.type, actorId: event.viewer?.id ?? null, at: row.createdAt });
  }
  return row.id;
}
