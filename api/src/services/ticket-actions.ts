// Every ticket action as one spec for the pipeline: the facts it reads and its pure plan. The workflow table
// (domain/workflow.ts) has already decided whether the action may happen and where the ticket goes; a plan
// says what else changes, which rows it adds, and whom to tell. Plans refuse bad input with domain errors.
import type { Prisma } from '../db/generated/prisma/client.ts';
import { canRemoveAttachment, checkVersionRoom } from '../domain/attachments.ts';
import { checkReplyParent, type ReplyParent } from '../domain/comments.ts';
import {
  type Complexity,
  type CreativeRequestInput,
  type Criteria,
  deadlineAtAssignment,
  type FileFormat,
  normalizeCreativeRequest,
  type Priority,
  type ProductFacts,
  type ProductItemInput,
  type RequestType,
  type SlaRule,
} from '../domain/creative-request.ts';
import { BadInputError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { mentionedUsernames } from '../domain/mentions.ts';
import { STAMPING_HISTORY_ACTIONS, type StampEntry, stampsAfterRollback } from '../domain/stage-times.ts';
import { type StepAction, stepSummary } from '../domain/step-summary.ts';
import { canReadTicket, type TicketStatus } from '../domain/ticket-access.ts';
import { rollbackChanges, type TicketSnapshot } from '../domain/ticket-snapshot.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import type { ApprovalStep } from '../domain/vocabulary.ts';
import { approvalConflict } from '../domain/workflow.ts';
import { creativeManagerIds, departmentManagerIds, type Tx } from './notifications.ts';
import type { ExtraWrite } from './ticket-changes.ts';
import type { ActionSpec, CreationSpec, TicketTarget } from './ticket-pipeline.ts';
import { factsOf, snapshotOfRow, type TicketRow } from './ticket-rows.ts';

export type RequestFields = {
  title?: string | null;
  description?: string | null;
  priority?: Priority | null;
  dueDate?: Date | null;
  requestType?: RequestType | null;
  fileFormat?: FileFormat | null;
  criteria?: Criteria | null;
  quantity?: number | null;
  complexity?: Complexity | null;
  estimatedHours?: number | null;
  actualHours?: number | null;
  scheduledStart?: Date | null;
  scheduledEnd?: Date | null;
  productItems?: ProductItemInput[] | null;
};

/** The request fields as given, filled from the current ticket (an edit) or the defaults (a new one). */
export function requestInput(fields: RequestFields, current?: TicketRow, currentItems?: ProductItemInput[]): CreativeRequestInput {
  const pick = <K extends keyof RequestFields>(key: K, fallback: NonNullable<RequestFields[K]> | null) =>
    (fields[key] !== undefined ? fields[key] : fallback) as NonNullable<RequestFields[K]> | null;
  const requestType = pick('requestType', current?.requestType ?? null) ?? 'SOCMED_POSTING';
  const typeChanged = current !== undefined && requestType !== current.requestType;
  // A new ticket without a type is a social post; without a format, a still image.
  const defaultFormat = requestType === 'SOCMED_POSTING' && fields.requestType == null && !current ? 'STILL' : null;
  return {
    title: pick('title', current?.title ?? null) ?? '',
    description: pick('description', current?.description ?? null) ?? '',
    priority: pick('priority', current?.priority ?? null) ?? 'MEDIUM',
    dueDate: pick('dueDate', current?.dueDate ?? null),
    requestType,
    // When the type changes, what the old type decided is recomputed rather than carried over.
    fileFormat: pick('fileFormat', typeChanged ? null : (current?.fileFormat ?? defaultFormat)),
    criteria: pick('criteria', typeChanged ? null : (current?.criteria ?? null)),
    // New product items decide the quantity anew (for ADS and TELEGRAM_CHANNEL it is their total): the old one
    // is not carried over to contradict them.
    quantity: pick('quantity', typeChanged || fields.productItems?.length ? null : (current?.quantity ?? null)),
    complexity: pick('complexity', current?.complexity ?? null),
    estimatedHours: pick('estimatedHours', current?.estimatedHours ?? null),
    actualHours: pick('actualHours', current?.actualHours ?? null),
    scheduledStart: pick('scheduledStart', typeChanged ? null : (current?.scheduledStart ?? null)),
    scheduledEnd: pick('scheduledEnd', typeChanged ? null : (current?.scheduledEnd ?? null)),
    productItems: fields.productItems !== undefined ? fields.productItems : typeChanged ? null : (currentItems ?? null),
  };
}

async function productFacts(tx: Tx, items: readonly ProductItemInput[] | null | undefined): Promise<Map<string, ProductFacts>> {
  if (!items?.length) return new Map();
  const rows = await tx.product.findMany({ where: { id: { in: items.map((item) => item.productId) } } });
  return new Map(rows.map((row) => [row.id, row]));
}

/** The activity sentence of a plain workflow step, from the status it led to. */
const stepSummaryOf = (viewer: Viewer, action: StepAction) => (after: TicketRow) => stepSummary(viewer.username, action, after.number, after.status);

/** The assignee and the collaborators: the people doing the work. */
const makersOf = (ticket: TicketRow) =>
  [ticket.assigneeId, ...ticket.collaborators.map((collaborator) => collaborator.userId)].filter((id): id is string => id !== null);

// ——— Creation ———

export type CreateInput = RequestFields & { title: string; departmentId: string };

export const CREATE: CreationSpec<CreateInput, { departmentExists: boolean; products: Map<string, ProductFacts>; recipientIds: string[] }> = {
  async facts(tx, { input, creation }) {
    const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true } });
    return {
      departmentExists: department !== null,
      products: await productFacts(tx, requestInput(input).productItems),
      // A request waits for its department's managers first, or for Creative's when it skips that step.
      recipientIds: creation.to === 'REQUESTED' ? await departmentManagerIds(tx, input.departmentId) : await creativeManagerIds(tx),
    };
  },
  plan({ viewer, input, creation, facts }) {
    if (!facts.departmentExists) throw new NotFoundError('Department');
    const { productItems, ...columns } = normalizeCreativeRequest(requestInput(input), facts.products);
    return {
      insert: {
        ...columns,
        requesterId: viewer.id,
        departmentId: input.departmentId,
        productItems: { create: productItems.map((item) => ({ productId: item.productId, quantity: item.quantity, criteria: item.criteria ?? null })) },
      },
      summary: (created) => `${viewer.username} requested #${created.number} ${created.title}`,
      announcements: (created) => [
        {
          kind: 'TICKET_CREATED',
          recipientIds: facts.recipientIds,
          title: `New request #${created.number}: ${created.title}`,
          body: creation.to === 'REQUESTED' ? 'Waiting for department approval.' : 'Waiting for Creative.',
        },
      ],
    };
  },
};

// ——— Editing ———

export type EditInput = TicketTarget & RequestFields;

export const EDIT: ActionSpec<EditInput, { currentItems: ProductItemInput[]; products: Map<string, ProductFacts> }> = {
  action: 'EDIT',
  async facts(tx, { before, input }) {
    const currentItems = await tx.ticketProductItem.findMany({ where: { ticketId: before.id }, select: { productId: true, quantity: true, criteria: true } });
    return { currentItems, products: await productFacts(tx, requestInput(fieldsOf(input), before, currentItems).productItems) };
  },
  plan({ viewer, before, input, facts }) {
    const fields = fieldsOf(input);
    const merged = requestInput(fields, before, facts.currentItems);
    const { productItems, ...columns } = normalizeCreativeRequest(merged, facts.products);
    // Product items are rewritten when they were given, or when a new type decides them afresh.
    const rewriteItems = fields.productItems !== undefined || merged.requestType !== before.requestType;
    return {
      fields: columns,
      writes: rewriteItems ? [{ kind: 'replaceProductItems', items: productItems }] : [],
      summary: () => `${viewer.username} edited #${before.number}`,
    };
  },
};

function fieldsOf(input: EditInput): RequestFields {
  const { id: _id, expectedVersion: _expectedVersion, ...fields } = input;
  return fields;
}

// ——— The approval steps ———

export const APPROVE: ActionSpec<TicketTarget & { note?: string | null; step?: ApprovalStep | null }, { creativeManagerIds: string[] }> = {
  action: 'APPROVE',
  // One request approves one step: a repeat cannot carry the ticket through the next (domain/workflow.ts).
  conflict: ({ viewer, before, input }) => approvalConflict({ ...factsOf(before), departmentApprovedById: before.deptApprovedById }, viewer, input),
  facts: async (tx) => ({ creativeManagerIds: await creativeManagerIds(tx) }),
  plan: ({ viewer, before, input, facts }) => ({
    // Who approved which step, for the record (the stamps say when).
    fields: before.status === 'REQUESTED' ? { deptApprovedById: viewer.id } : { creativeApprovedById: viewer.id },
    reason: input.note?.trim() || null,
    summary: stepSummaryOf(viewer, 'APPROVE'),
    announcements: (after) => [
      {
        kind: 'TICKET_APPROVED',
        recipientIds: [after.requesterId, ...facts.creativeManagerIds],
        title:
          after.status === 'PENDING_CREATIVE'
            ? `#${after.number} approved by its department; waiting for Creative`
            : `#${after.number} approved by Creative; ready to assign`,
      },
    ],
  }),
};

/** Actions whose input carries a reason the service already checked (required, trimmed, bounded). */
type Reasoned = TicketTarget & { reason: string };

export const REJECT: ActionSpec<Reasoned> = {
  action: 'REJECT',
  plan: ({ viewer, input }) => ({
    fields: { rejectionReason: input.reason },
    reason: input.reason,
    summary: stepSummaryOf(viewer, 'REJECT'),
    announcements: (after) => [{ kind: 'TICKET_REJECTED', recipientIds: [after.requesterId], title: `#${after.number} was rejected`, body: input.reason }],
  }),
};

// ——— Assignment and collaborators ———

type UserState = { id: string; isActive: boolean; approvedAt: Date | null };

type Collaborating = TicketTarget & { userId: string };
type CandidateUser = UserState & { username: string; department: { isCreative: boolean } | null };
const CANDIDATE_SELECT = { id: true, username: true, isActive: true, approvedAt: true, department: { select: { isCreative: true } } } as const;

/** Why this person cannot collaborate on the ticket (as the assignee `assigneeId`), or undefined when they can. */
function collaboratorRefusal(user: CandidateUser, assigneeId: string | null): string | undefined {
  if (!user.isActive || !user.approvedAt) return 'A collaborator must be an active user.';
  if (!user.department?.isCreative) return 'Only Creative department members can collaborate.';
  if (user.id === assigneeId) return 'The assignee is already on the ticket.';
  return undefined;
}

/** The assignee, and in the same step (one change, one history entry) the deadline and collaborators to add. */
export type AssignInput = TicketTarget & { assigneeId: string; dueDate?: Date | null; collaboratorIds?: readonly string[] | null };

export const ASSIGN: ActionSpec<AssignInput, { assignee: UserState | null; slaRules: SlaRule[]; collaborators: CandidateUser[] }> = {
  action: 'ASSIGN',
  facts: async (tx, { input }) => ({
    assignee: await tx.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, isActive: true, approvedAt: true } }),
    slaRules: await tx.slaRule.findMany({ select: { priority: true, criteria: true, hours: true } }),
    collaborators: input.collaboratorIds?.length ? await tx.user.findMany({ where: { id: { in: [...input.collaboratorIds] } }, select: CANDIDATE_SELECT }) : [],
  }),
  plan({ viewer, before, input, facts, now }) {
    const { assignee } = facts;
    if (!assignee) throw new NotFoundError('User');
    if (!assignee.isActive || !assignee.approvedAt) throw new BadInputError('The assignee must be an active user.', 'assigneeId');
    if (assignee.id === before.assigneeId) throw new BadInputError('The ticket is already assigned to that user.', 'assigneeId');
    const wanted = [...new Set(input.collaboratorIds ?? [])];
    if (facts.collaborators.length !== wanted.length) throw new NotFoundError('User');
    for (const user of facts.collaborators) {
      const refusal = collaboratorRefusal(user, assignee.id);
      if (refusal) throw new BadInputError(refusal, 'collaboratorIds');
    }
    const added = facts.collaborators.filter((user) => !before.collaborators.some((collaborator) => collaborator.userId === user.id));
    // A deadline given with the assignment wins; without one (and none set before) the priority decides it.
    const deadline = input.dueDate ?? deadlineAtAssignment(before, now, facts.slaRules);
    return {
      fields: { assigneeId: assignee.id, ...(deadline ? { dueDate: deadline } : {}) },
      // The new assignee is no longer also a collaborator.
      writes: [
        { kind: 'removeCollaborator', userId: assignee.id },
        ...added.map((user): ExtraWrite => ({ kind: 'addCollaborator', userId: user.id, addedById: viewer.id })),
      ],
      summary: () => `${viewer.username} assigned #${before.number}`,
      announcements: (after) => [
        {
          kind: 'TICKET_ASSIGNED',
          recipientIds: [assignee.id],
          title: `#${after.number} was assigned to you`,
          body: after.dueDate ? `Due ${after.dueDate.toISOString()}` : '',
        },
        ...(added.length
          ? [{ kind: 'COLLABORATOR_ADDED' as const, recipientIds: added.map((user) => user.id), title: `You were added to #${after.number}` }]
          : []),
      ],
    };
  },
};

export const ADD_COLLABORATOR: ActionSpec<Collaborating, { user: CandidateUser | null }> = {
  action: 'ADD_COLLABORATOR',
  facts: async (tx, { input }) => ({
    user: await tx.user.findUnique({ where: { id: input.userId }, select: CANDIDATE_SELECT }),
  }),
  plan({ viewer, before, facts }) {
    const { user } = facts;
    if (!user) throw new NotFoundError('User');
    const refusal = collaboratorRefusal(user, before.assigneeId);
    if (refusal) throw new BadInputError(refusal, 'userId');
    if (before.collaborators.some((collaborator) => collaborator.userId === user.id)) {
      throw new BadInputError('That user already collaborates on the ticket.', 'userId');
    }
    return {
      writes: [{ kind: 'addCollaborator', userId: user.id, addedById: viewer.id }],
      summary: () => `${viewer.username} added ${user.username} to #${before.number}`,
      announcements: (after) => [{ kind: 'COLLABORATOR_ADDED', recipientIds: [user.id], title: `You were added to #${after.number}` }],
    };
  },
};

export const REMOVE_COLLABORATOR: ActionSpec<Collaborating> = {
  action: 'REMOVE_COLLABORATOR',
  plan({ viewer, before, input }) {
    if (!before.collaborators.some((collaborator) => collaborator.userId === input.userId)) {
      throw new BadInputError('That user does not collaborate on the ticket.', 'userId');
    }
    return {
      writes: [{ kind: 'removeCollaborator', userId: input.userId }],
      summary: () => `${viewer.username} removed a collaborator from #${before.number}`,
    };
  },
};

// ——— The work ———

export const START: ActionSpec<TicketTarget> = {
  action: 'START',
  plan: ({ viewer }) => ({
    summary: stepSummaryOf(viewer, 'START'),
    announcements: (after) => [{ kind: 'TICKET_STARTED', recipientIds: [after.requesterId], title: `Work on #${after.number} started` }],
  }),
};

export const COMPLETE: ActionSpec<TicketTarget & { actualHours?: number | null }> = {
  action: 'COMPLETE',
  plan: ({ viewer, input }) => ({
    fields: input.actualHours != null ? { actualHours: input.actualHours } : {},
    summary: stepSummaryOf(viewer, 'COMPLETE'),
    announcements: (after) => [{ kind: 'TICKET_COMPLETED', recipientIds: [after.requesterId], title: `#${after.number} is done: please review and confirm` }],
  }),
};

export const CONFIRM: ActionSpec<TicketTarget> = {
  action: 'CONFIRM',
  plan: ({ viewer }) => ({
    summary: stepSummaryOf(viewer, 'CONFIRM'),
    announcements: (after) => [{ kind: 'TICKET_CONFIRMED', recipientIds: makersOf(after), title: `#${after.number} was confirmed and closed` }],
  }),
};

export const REQUEST_REVISION: ActionSpec<Reasoned> = {
  action: 'REQUEST_REVISION',
  plan: ({ viewer, before, input }) => ({
    fields: { revisionCount: { increment: 1 }, completedAt: null },
    reason: input.reason,
    // The reason also opens the thread the makers answer in.
    writes: [{ kind: 'comment', authorId: viewer.id, body: `Revision requested: ${input.reason}` }],
    summary: () => `${viewer.username} requested revision ${before.revisionCount + 1} of #${before.number}`,
    announcements: (after) => [
      { kind: 'REVISION_REQUESTED', recipientIds: makersOf(after), title: `Revision ${after.revisionCount} requested on #${after.number}`, body: input.reason },
    ],
  }),
};

// ——— History ———

type HistoryEntry = { ticketId: string; snapshot: Prisma.JsonValue; createdAt: Date };

/**
 * Restores everything the entry's snapshot recorded (domain/ticket-snapshot.ts: status, assignee, collaborators,
 * the editable fields with the due date, and the revision count) as it was right after the entry, and the
 * stage stamps with them (domain/stage-times.ts): a ticket sent back before its completion is no longer
 * completed, and analytics read the stamps.
 */
export const ROLLBACK: ActionSpec<Reasoned & { historyEntryId: string }, { entry: HistoryEntry | null; stampEntries: StampEntry[] }> = {
  action: 'ROLLBACK',
  async facts(tx, { input, before }) {
    const entry = await tx.ticketHistory.findUnique({ where: { id: input.historyEntryId }, select: { ticketId: true, snapshot: true, createdAt: true } });
    const stampEntries =
      entry && entry.ticketId === before.id
        ? await tx.ticketHistory.findMany({
            where: {
              ticketId: before.id,
              createdAt: { lte: entry.createdAt },
              action: { in: [...STAMPING_HISTORY_ACTIONS] },
            },
            select: { action: true, toStatus: true, createdAt: true },
          })
        : [];
    return { entry, stampEntries };
  },
  plan({ viewer, before, input, facts }) {
    const { entry } = facts;
    if (!entry || entry.ticketId !== before.id) throw new NotFoundError('History entry');
    const restore = rollbackChanges(snapshotOfRow(before), entry.snapshot as Partial<TicketSnapshot>);
    if (Object.keys(restore).length === 0) throw new BadInputError('The ticket is already as it was after that entry.', 'historyEntryId');
    const { collaboratorIds, status, ...fields } = restore;
    const data: Prisma.TicketUncheckedUpdateManyInput = {};
    for (const [field, value] of Object.entries(fields)) {
      const isDate = field === 'dueDate' || field === 'scheduledStart' || field === 'scheduledEnd';
      (data as Record<string, unknown>)[field] = isDate && typeof value === 'string' ? new Date(value) : value;
    }
    // The assignee after the rollback: a restored null (no assignee then) is a value, not "unchanged".
    const assigneeId = 'assigneeId' in fields ? (fields.assigneeId as string | null) : before.assigneeId;
    const writes: ExtraWrite[] = Array.isArray(collaboratorIds)
      ? [{ kind: 'replaceCollaborators', userIds: (collaboratorIds as string[]).filter((id) => id !== assigneeId) }]
      : [];
    const to = (status as TicketStatus | undefined) ?? before.status;
    const stamps = stampsAfterRollback({ status: to, assigneeId }, facts.stampEntries, before);
    // Out of REJECTED (an undone rejection) the ticket no longer carries the reason it was rejected for.
    const rejection = to !== 'REJECTED' && before.rejectionReason !== null ? { rejectionReason: null } : {};
    return {
      // The workflow table sends a rollback to the entry's status ('FROM_SNAPSHOT').
      to,
      fields: { ...data, ...stamps, ...rejection },
      writes,
      reason: input.reason,
      summary: () => `${viewer.username} rolled back #${before.number} to an earlier state`,
    };
  },
};

// ——— Trash ———

export const DELETE: ActionSpec<TicketTarget & { reason?: string | null }> = {
  action: 'DELETE',
  plan: ({ viewer, input, now }) => ({
    fields: { deletedAt: now, deletedById: viewer.id },
    reason: input.reason?.trim() || null,
    summary: stepSummaryOf(viewer, 'DELETE'),
  }),
};

export const RESTORE: ActionSpec<TicketTarget> = {
  action: 'RESTORE',
  plan: ({ viewer }) => ({
    fields: { deletedAt: null, deletedById: null },
    summary: stepSummaryOf(viewer, 'RESTORE'),
  }),
};

/** Removes a trashed ticket for good (admins). Its activity log rows stay, detached. */
export const PURGE: ActionSpec<TicketTarget> = {
  action: 'PURGE',
  wrongSideOfTrash: () => new BadInputError('Only tickets in the trash can be purged; delete it first.', 'id'),
  plan: ({ viewer, before }) => ({
    summary: () => `${viewer.username} purged #${before.number} ${before.title}`,
  }),
};

// ——— Comments ———

export type CommentInput = TicketTarget & { body: string; parentId?: string | null };
type MentionedUser = Parameters<typeof viewerOf>[0];

type ParentRow = ReplyParent & { id: string };

/**
 * The comment a reply answers, its row locked before its replies are counted: two replies at once queue on the row
 * (however the client spelled its id), so both cannot see room for one more. NO KEY UPDATE still lets other rows
 * point at the comment meanwhile.
 */
async function parentOf(tx: Tx, parentId: string): Promise<ParentRow | null> {
  const [parent] = await tx.$queryRaw<Omit<ParentRow, 'replies'>[]>`
    SELECT "id", "ticketId", "parentId" FROM "Comment" WHERE "id" = ${parentId}::uuid FOR NO KEY UPDATE`;
  return parent ? { ...parent, replies: await tx.comment.count({ where: { parentId: parent.id } }) } : null;
}

export const COMMENT: ActionSpec<CommentInput, { parent: ParentRow | null; mentioned: MentionedUser[] }> = {
  action: 'COMMENT',
  hiddenFromNonReaders: true,
  async facts(tx, { input }) {
    const usernames = mentionedUsernames(input.body);
    return {
      parent: input.parentId ? await parentOf(tx, input.parentId) : null,
      mentioned: usernames.length
        ? await tx.user.findMany({
            where: { username: { in: usernames }, isActive: true },
            select: { id: true, username: true, role: true, departmentId: true, department: { select: { isCreative: true } } },
          })
        : [],
    };
  },
  plan({ viewer, before, input, facts }) {
    if (input.parentId) checkReplyParent(facts.parent, before.id);
    const ticketFacts = factsOf(before);
    // Mentions notify only people who may read the ticket: a mention is no way around the read rule.
    const readers = facts.mentioned.filter((user) => canReadTicket(viewerOf(user), ticketFacts)).map((user) => user.id);
    const involved = [before.requesterId, before.assigneeId, ...ticketFacts.collaboratorIds].filter((id): id is string => id !== null && !readers.includes(id));
    const excerpt = input.body.length > 200 ? `${input.body.slice(0, 200)}…` : input.body;
    return {
      writes: [
        { kind: 'comment', authorId: viewer.id, parentId: facts.parent?.id ?? null, body: input.body, mentionUserIds: facts.mentioned.map((user) => user.id) },
      ],
      summary: () => `${viewer.username} commented on #${before.number}`,
      announcements: () => [
        // The group message goes out once, with the comment notice. Titles leave the author out: the bell shows
        // them by display name under the title, and Telegram on its "by" line.
        ...(readers.length
          ? [
              {
                kind: 'MENTIONED' as const,
                recipientIds: readers,
                title: `You were mentioned on #${before.number}`,
                body: excerpt,
                mentionUserIds: readers,
                groupMessage: false,
              },
            ]
          : []),
        {
          kind: 'COMMENT_ADDED' as const,
          recipientIds: involved,
          title: `New comment on #${before.number}`,
          body: excerpt,
          mentionUserIds: readers,
          groupMessage: true,
        },
      ],
    };
  },
};

// ——— Attachments ———

/** Who hears of a new file: the requester and the people doing the work (never the uploader). */
const participantsOf = (ticket: TicketRow) => [ticket.requesterId, ...makersOf(ticket)];

export type AttachInput = TicketTarget & {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  /**
   * Makes sure the bytes are stored, called with the content's lock held: a failed upload of the same bytes
   * may have removed them since they were written.
   */
  ensureStored: () => Promise<void>;
};

/** Serializes the stored bytes of one content hash between uploads that keep them and failures that free them. */
export async function lockContent(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`attachment:${sha256}`}, 0))`;
}

export const ATTACH: ActionSpec<AttachInput, { version: number }> = {
  action: 'ATTACH',
  // A ticket the uploader may not read does not exist to them (NOT_FOUND, as on removal and download), rather
  // than FORBIDDEN, which told them it does.
  hiddenFromNonReaders: true,
  async facts(tx, { before, input }) {
    await lockContent(tx, input.sha256);
    await input.ensureStored();
    // Earlier versions count even when removed, so a number is never given twice.
    const latest = await tx.attachment.aggregate({ where: { ticketId: before.id, fileName: input.fileName }, _max: { version: true } });
    return { version: (latest._max.version ?? 0) + 1 };
  },
  plan: ({ viewer, before, input, facts }) => {
    // The version number is unique per (ticket, name), so of two uploads at the cap one loses the number, retries
    // (services/attachments.ts) and is refused here.
    checkVersionRoom(facts.version - 1);
    const label = facts.version > 1 ? `${input.fileName} (version ${facts.version})` : input.fileName;
    return {
      writes: [
        {
          kind: 'attachment',
          row: {
            uploaderId: viewer.id,
            fileName: input.fileName,
            mimeType: input.mimeType,
            size: input.size,
            sha256: input.sha256,
            storageKey: input.sha256,
            version: facts.version,
            width: input.width,
            height: input.height,
          },
        },
      ],
      recorded: [{ field: 'attachments', from: null, to: label }],
      touch: true,
      summary: () => `${viewer.username} attached ${label} to #${before.number}`,
      announcements: (after) => [{ kind: 'ATTACHMENT_ADDED', recipientIds: participantsOf(after), title: `${label} attached to #${after.number}` }],
    };
  },
};

type AttachmentFacts = { ticketId: string; uploaderId: string; fileName: string; version: number; deletedAt: Date | null };

export const REMOVE_ATTACHMENT: ActionSpec<TicketTarget & { attachmentId: string }, { attachment: AttachmentFacts | null }> = {
  action: 'REMOVE_ATTACHMENT',
  // Whoever may not read the ticket learns nothing about its files.
  hiddenFromNonReaders: true,
  facts: async (tx, { input }) => ({
    attachment: await tx.attachment.findUnique({
      where: { id: input.attachmentId },
      select: { ticketId: true, uploaderId: true, fileName: true, version: true, deletedAt: true },
    }),
  }),
  plan({ viewer, before, input, facts }) {
    const { attachment } = facts;
    if (!attachment || attachment.ticketId !== before.id || attachment.deletedAt) throw new NotFoundError('Attachment');
    if (!canRemoveAttachment(viewer, factsOf(before), attachment.uploaderId)) {
      throw new ForbiddenError('Only its uploader, a manager with authority over the ticket or an admin can remove an attachment.');
    }
    const label = attachment.version > 1 ? `${attachment.fileName} (version ${attachment.version})` : attachment.fileName;
    return {
      writes: [{ kind: 'removeAttachment', attachmentId: input.attachmentId }],
      recorded: [{ field: 'attachments', from: label, to: null }],
      touch: true,
      summary: () => `${viewer.username} removed ${label} from #${before.number}`,
    };
  },
};
