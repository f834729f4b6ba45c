// Ticket use cases: create, edit, the workflow actions, collaborators, rollback and trash. Each loads the ticket,
// asks the workflow table, and commits through commitTicketChange in one transaction.
import type { Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import {
  deadlineAtAssignment,
  normalizeCreativeRequest,
  type CreativeRequestInput,
  type Criteria,
  type Complexity,
  type FileFormat,
  type Priority,
  type ProductFacts,
  type ProductItemInput,
  type RequestType,
  type SlaRule,
} from '../domain/creative-request.ts';
import { BadInputError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { rollbackChanges, type TicketSnapshot } from '../domain/ticket-snapshot.ts';
import { isAdmin, type Viewer } from '../domain/viewer.ts';
import { creationRoute, transition, type TicketAction } from '../domain/workflow.ts';
import { announce, creativeManagerIds, departmentManagerIds, type Tx } from './notifications.ts';
import {
  commitTicketChange,
  createTransactionRunner,
  factsOf,
  loadTicketForChange,
  recordTicketEvent,
  snapshotOfRow,
  stampsData,
  TICKET_WITH_COLLABORATORS,
  type ChangeRequest,
  type EffectsSink,
  type TicketRow,
} from './ticket-changes.ts';

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

export type CreateTicketInput = RequestFields & { title: string; departmentId?: string | null };
export type ActionInput = { id: string; expectedVersion?: number | null };

const reasonRequired = (reason: string | null | undefined, field = 'reason'): string => {
  const trimmed = reason?.trim();
  if (!trimmed) throw new BadInputError(`${field} is required.`, field);
  if (trimmed.length > 2000) throw new BadInputError(`${field} must be at most 2000 characters.`, field);
  return trimmed;
};

export type TicketServiceDeps = { prisma: PrismaClient; sink: EffectsSink };

export function createTicketService({ prisma, sink }: TicketServiceDeps) {
  const inTransaction = createTransactionRunner(prisma, sink);

  async function productFacts(tx: Tx, items: readonly ProductItemInput[] | null | undefined): Promise<Map<string, ProductFacts>> {
    if (!items?.length) return new Map();
    const rows = await tx.product.findMany({ where: { id: { in: items.map((item) => item.productId) } } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  async function slaRules(tx: Tx): Promise<SlaRule[]> {
    return tx.slaRule.findMany({ select: { priority: true, criteria: true, hours: true } });
  }

  /** Runs one workflow action that needs nothing but the table and the default effects. */
  async function act(
    viewer: Viewer,
    input: ActionInput,
    action: TicketAction,
    options: Omit<ChangeRequest, 'viewer' | 'before' | 'transition' | 'summary' | 'data'> & {
      summary?: string;
      inTrash?: boolean;
      data?: (before: TicketRow) => Prisma.TicketUncheckedUpdateManyInput;
    } = {},
  ) {
    return inTransaction(async (tx, effects) => {
      const before = await loadTicketForChange(tx, input.id, { expectedVersion: input.expectedVersion, inTrash: options.inTrash });
      const decided = transition(factsOf(before), action, viewer);
      const now = new Date();
      const { ticket } = await commitTicketChange(tx, effects, {
        ...options,
        viewer,
        before,
        transition: decided,
        data: { ...stampsData(decided.effects.stamps, now), ...options.data?.(before) },
        summary: options.summary ?? `${viewer.username} ${action.toLowerCase().replace(/_/g, ' ')} #${before.number}: ${decided.from} → ${decided.to}`,
      });
      return ticket;
    });
  }

  function requestInput(fields: RequestFields, current?: TicketRow, currentItems?: ProductItemInput[]): CreativeRequestInput {
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
      quantity: pick('quantity', typeChanged ? null : (current?.quantity ?? null)),
      complexity: pick('complexity', current?.complexity ?? null),
      estimatedHours: pick('estimatedHours', current?.estimatedHours ?? null),
      actualHours: pick('actualHours', current?.actualHours ?? null),
      scheduledStart: pick('scheduledStart', typeChanged ? null : (current?.scheduledStart ?? null)),
      scheduledEnd: pick('scheduledEnd', typeChanged ? null : (current?.scheduledEnd ?? null)),
      productItems: fields.productItems !== undefined ? fields.productItems : typeChanged ? null : (currentItems ?? null),
    };
  }

  return {
    async create(viewer: Viewer, input: CreateTicketInput): Promise<TicketRow> {
      const departmentId = input.departmentId ?? viewer.departmentId;
      if (!departmentId) throw new BadInputError('departmentId is required: you belong to no department.', 'departmentId');
      if (input.dueDate && input.dueDate.getTime() <= Date.now()) {
        throw new BadInputError('dueDate must be in the future.', 'dueDate');
      }
      return inTransaction(async (tx, effects) => {
        const department = await tx.department.findUnique({ where: { id: departmentId } });
        if (!department) throw new NotFoundError('Department');
        const fields = requestInput(input);
        const request = normalizeCreativeRequest(fields, await productFacts(tx, fields.productItems));
        const route = creationRoute(viewer);
        const now = new Date();
        const { productItems, ...columns } = request;
        const created = await tx.ticket.create({
          data: {
            ...columns,
            status: route.status,
            requesterId: viewer.id,
            departmentId,
            ...stampsData(route.stamps, now),
            productItems: { create: productItems.map((item) => ({ productId: item.productId, quantity: item.quantity, criteria: item.criteria ?? null })) },
          },
          include: TICKET_WITH_COLLABORATORS,
        });
        await tx.ticketHistory.create({
          data: {
            ticketId: created.id,
            actorId: viewer.id,
            action: 'CREATED',
            fromStatus: null,
            toStatus: created.status,
            changes: [],
            snapshot: snapshotOfRow(created),
            version: created.version,
          },
        });
        await recordTicketEvent(tx, effects, {
          viewer,
          ticket: created,
          action: 'CREATE',
          type: 'CREATED',
          summary: `${viewer.username} requested #${created.number} ${created.title}`,
          metadata: { number: created.number, toStatus: created.status },
        });
        const recipients =
          created.status === 'REQUESTED' ? await departmentManagerIds(tx, departmentId) : await creativeManagerIds(tx);
        const announced = await announce(tx, {
          kind: 'TICKET_CREATED',
          actorId: viewer.id,
          ticket: created,
          recipientIds: recipients,
          title: `New request #${created.number}: ${created.title}`,
          body: created.status === 'REQUESTED' ? 'Waiting for department approval.' : 'Waiting for Creative.',
        });
        effects.notifications.push(...announced.notificationIds.map((id, index) => ({ id, recipientId: announced.recipientIds[index]! })));
        return created;
      });
    },

    async update(viewer: Viewer, input: ActionInput & RequestFields): Promise<TicketRow> {
      const { id, expectedVersion, ...fields } = input;
      return inTransaction(async (tx, effects) => {
        const before = await loadTicketForChange(tx, id, { expectedVersion });
        const decided = transition(factsOf(before), 'EDIT', viewer);
        const currentItems = await tx.ticketProductItem.findMany({ where: { ticketId: id }, select: { productId: true, quantity: true, criteria: true } });
        const merged = requestInput(fields, before, currentItems);
        const request = normalizeCreativeRequest(merged, await productFacts(tx, merged.productItems));
        const { productItems, ...columns } = request;
        const { ticket } = await commitTicketChange(tx, effects, {
          viewer,
          before,
          transition: decided,
          data: columns,
          summary: `${viewer.username} edited #${before.number}`,
          alsoWrite:
            fields.productItems !== undefined || merged.requestType !== before.requestType
              ? async (writer) => {
                  await writer.ticketProductItem.deleteMany({ where: { ticketId: id } });
                  if (productItems.length) {
                    await writer.ticketProductItem.createMany({
                      data: productItems.map((item) => ({ ticketId: id, productId: item.productId, quantity: item.quantity, criteria: item.criteria ?? null })),
                    });
                  }
                }
              : undefined,
        });
        return ticket;
      });
    },

    approve(viewer: Viewer, input: ActionInput & { note?: string | null }) {
      return act(viewer, input, 'APPROVE', {
        reason: input.note?.trim() || null,
        // Who approved which step, for the record (the stamps say when).
        data: (before) => (before.status === 'REQUESTED' ? { deptApprovedById: viewer.id } : { creativeApprovedById: viewer.id }),
        announce: async (after, tx) => ({
          kind: 'TICKET_APPROVED',
          recipientIds: [after.requesterId, ...(await creativeManagerIds(tx))],
          title:
            after.status === 'PENDING_CREATIVE'
              ? `#${after.number} approved by its department; waiting for Creative`
              : `#${after.number} approved by Creative; ready to assign`,
        }),
      });
    },

    reject(viewer: Viewer, input: ActionInput & { reason: string }) {
      const reason = reasonRequired(input.reason);
      return act(viewer, input, 'REJECT', {
        reason,
        data: () => ({ rejectionReason: reason }),
        announce: async (after) => ({ kind: 'TICKET_REJECTED', recipientIds: [after.requesterId], title: `#${after.number} was rejected`, body: reason }),
      });
    },

    async assign(viewer: Viewer, input: ActionInput & { assigneeId: string }): Promise<TicketRow> {
      return inTransaction(async (tx, effects) => {
        const before = await loadTicketForChange(tx, input.id, { expectedVersion: input.expectedVersion });
        const decided = transition(factsOf(before), 'ASSIGN', viewer);
        const assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, isActive: true, approvedAt: true } });
        if (!assignee) throw new NotFoundError('User');
        if (!assignee.isActive || !assignee.approvedAt) throw new BadInputError('The assignee must be an active user.', 'assigneeId');
        if (assignee.id === before.assigneeId) throw new BadInputError('The ticket is already assigned to that user.', 'assigneeId');
        const now = new Date();
        const deadline = deadlineAtAssignment(before, now, await slaRules(tx));
        const { ticket } = await commitTicketChange(tx, effects, {
          viewer,
          before,
          transition: decided,
          data: { ...stampsData(decided.effects.stamps, now), assigneeId: assignee.id, ...(deadline ? { dueDate: deadline } : {}) },
          summary: `${viewer.username} assigned #${before.number}`,
          // The new assignee is no longer also a collaborator.
          alsoWrite: async (writer) => {
            await writer.ticketCollaborator.deleteMany({ where: { ticketId: before.id, userId: assignee.id } });
          },
          announce: async (after) => ({
            kind: 'TICKET_ASSIGNED',
            recipientIds: [assignee.id],
            title: `#${after.number} was assigned to you`,
            body: after.dueDate ? `Due ${after.dueDate.toISOString()}` : '',
          }),
        });
        return ticket;
      });
    },

    start(viewer: Viewer, input: ActionInput) {
      return act(viewer, input, 'START', {
        announce: async (after) => ({ kind: 'TICKET_STARTED', recipientIds: [after.requesterId], title: `Work on #${after.number} started` }),
      });
    },

    complete(viewer: Viewer, input: ActionInput & { actualHours?: number | null }) {
      if (input.actualHours != null && (!Number.isFinite(input.actualHours) || input.actualHours < 0 || input.actualHours > 10_000)) {
        throw new BadInputError('actualHours must be between 0 and 10000.', 'actualHours');
      }
      return act(viewer, input, 'COMPLETE', {
        data: () => (input.actualHours != null ? { actualHours: input.actualHours } : {}),
        announce: async (after) => ({
          kind: 'TICKET_COMPLETED',
          recipientIds: [after.requesterId],
          title: `#${after.number} is done: please review and confirm`,
        }),
      });
    },

    confirm(viewer: Viewer, input: ActionInput) {
      return act(viewer, input, 'CONFIRM', {
        announce: async (after) => ({
          kind: 'TICKET_CONFIRMED',
          recipientIds: [after.assigneeId, ...after.collaborators.map((collaborator) => collaborator.userId)].filter((id): id is string => id !== null),
          title: `#${after.number} was confirmed and closed`,
        }),
      });
    },

    requestRevision(viewer: Viewer, input: ActionInput & { reason: string }) {
      const reason = reasonRequired(input.reason);
      return inTransaction(async (tx, effects) => {
        const before = await loadTicketForChange(tx, input.id, { expectedVersion: input.expectedVersion });
        const decided = transition(factsOf(before), 'REQUEST_REVISION', viewer);
        const { ticket } = await commitTicketChange(tx, effects, {
          viewer,
          before,
          transition: decided,
          reason,
          data: { revisionCount: { increment: 1 }, completedAt: null },
          summary: `${viewer.username} requested revision ${before.revisionCount + 1} of #${before.number}`,
          alsoWrite: async (writer) => {
            await writer.comment.create({ data: { ticketId: before.id, authorId: viewer.id, body: `Revision requested: ${reason}` } });
          },
          announce: async (after) => ({
            kind: 'REVISION_REQUESTED',
            recipientIds: [after.assigneeId, ...after.collaborators.map((collaborator) => collaborator.userId)].filter((id): id is string => id !== null),
            title: `Revision ${after.revisionCount} requested on #${after.number}`,
            body: reason,
          }),
        });
        return ticket;
      });
    },

    async addCollaborator(viewer: Viewer, input: ActionInput & { userId: string }): Promise<TicketRow> {
      return inTransaction(async (tx, effects) => {
        const before = await loadTicketForChange(tx, input.id, { expectedVersion: input.expectedVersion });
        const decided = transition(factsOf(before), 'ADD_COLLABORATOR', viewer);
        const user = await tx.user.findUnique({ where: { id: input.userId }, include: { department: true } });
        if (!user) throw new NotFoundError('User');
        if (!user.isActive || !user.approvedAt) throw new BadInputError('A collaborator must be an active user.', 'userId');
        if (!user.department?.isCreative) throw new BadInputError('Only Creative department members can collaborate.', 'userId');
        if (user.id === before.assigneeId) throw new BadInputError('The assignee is already on the ticket.', 'userId');
        if (before.collaborators.some((collaborator) => collaborator.userId === user.id)) {
          throw new BadInputError('That user already collaborates on the ticket.', 'userId');
        }
        const { ticket } = await commitTicketChange(tx, effects, {
          viewer,
          before,
          transition: decided,
          summary: `${viewer.username} added ${user.username} to #${before.number}`,
          alsoWrite: async (writer) => {
            await writer.ticketCollaborator.create({ data: { ticketId: before.id, userId: user.id, addedById: viewer.id } });
          },
          announce: async (after) => ({ kind: 'COLLABORATOR_ADDED', recipientIds: [user.id], title: `You were added to #${after.number}` }),
        });
        return ticket;
      });
    },

    async removeCollaborator(viewer: Viewer, input: ActionInput & { userId: string }): Promise<TicketRow> {
      return inTransaction(async (tx, effects) => {
        const before = await loadTicketForChange(tx, input.id, { expectedVersion: input.expectedVersion });
        // Whoever may add collaborators may remove them.
        const decided = transition(factsOf(before), 'ADD_COLLABORATOR', viewer);
        if (!before.collaborators.some((collaborator) => collaborator.userId === input.userId)) {
          throw new BadInputError('That user does not collaborate on the ticket.', 'userId');
        }
        const { ticket } = await commitTicketChange(tx, effects, {
          viewer,
          before,
          transition: { ...decided, effects: { ...decided.effects, history: 'COLLABORATOR_REMOVED' } },
          summary: `${viewer.username} removed a collaborator from #${before.number}`,
          alsoWrite: async (writer) => {
            await writer.ticketCollaborator.delete({ where: { ticketId_userId: { ticketId: before.id, userId: input.userId } } });
          },
        });
        return ticket;
      });
    },

    /** Restores status, assignee, collaborators and editable fields as they were right after the entry. */
    async rollback(viewer: Viewer, input: ActionInput & { historyEntryId: string; reason: string }): Promise<TicketRow> {
      const reason = reasonRequired(input.reason);
      return inTransaction(async (tx, effects) => {
        const before = await loadTicketForChange(tx, input.id, { expectedVersion: input.expectedVersion });
        const decided = transition(factsOf(before), 'ROLLBACK', viewer);
        const entry = await tx.ticketHistory.findUnique({ where: { id: input.historyEntryId } });
        if (!entry || entry.ticketId !== before.id) throw new NotFoundError('History entry');
        const target = entry.snapshot as Partial<TicketSnapshot>;
        const restore = rollbackChanges(snapshotOfRow(before), target);
        if (Object.keys(restore).length === 0) {
          throw new BadInputError('The ticket is already as it was after that entry.', 'historyEntryId');
        }
        const { collaboratorIds, status, ...fields } = restore;
        const data: Prisma.TicketUncheckedUpdateManyInput = {};
        for (const [field, value] of Object.entries(fields)) {
          const isDate = field === 'scheduledStart' || field === 'scheduledEnd';
          (data as Record<string, unknown>)[field] = isDate && typeof value === 'string' ? new Date(value) : value;
        }
        const { ticket } = await commitTicketChange(tx, effects, {
          viewer,
          before,
          transition: { ...decided, to: (status as typeof before.status | undefined) ?? before.status },
          data,
          reason,
          summary: `${viewer.username} rolled back #${before.number} to an earlier state`,
          alsoWrite: Array.isArray(collaboratorIds)
            ? async (writer) => {
                await writer.ticketCollaborator.deleteMany({ where: { ticketId: before.id } });
                const ids = (collaboratorIds as string[]).filter((id) => id !== (fields.assigneeId ?? before.assigneeId));
                if (ids.length) await writer.ticketCollaborator.createMany({ data: ids.map((userId) => ({ ticketId: before.id, userId })) });
              }
            : undefined,
        });
        return ticket;
      });
    },

    softDelete(viewer: Viewer, input: ActionInput & { reason?: string | null }) {
      return act(viewer, input, 'DELETE', {
        reason: input.reason?.trim() || null,
        data: () => ({ deletedAt: new Date(), deletedById: viewer.id }),
      });
    },

    restore(viewer: Viewer, input: ActionInput) {
      return act(viewer, input, 'RESTORE', { inTrash: true, data: () => ({ deletedAt: null, deletedById: null }) });
    },

    /** Removes a trashed ticket for good (admins). Its activity log rows stay, detached. */
    async purge(viewer: Viewer, input: { id: string }): Promise<{ id: string; number: number }> {
      if (!isAdmin(viewer)) throw new ForbiddenError('Only admins can purge tickets.');
      return inTransaction(async (tx, effects) => {
        const row = await tx.ticket.findUnique({ where: { id: input.id }, select: { id: true, number: true, title: true, deletedAt: true } });
        if (!row) throw new NotFoundError('Ticket');
        if (!row.deletedAt) throw new BadInputError('Only tickets in the trash can be purged; delete it first.', 'id');
        await tx.ticket.delete({ where: { id: row.id } });
        await recordTicketEvent(tx, effects, {
          viewer,
          ticket: null,
          action: 'PURGE',
          type: 'DELETED',
          summary: `${viewer.username} purged #${row.number} ${row.title}`,
          metadata: { number: row.number, title: row.title, purgedTicketId: row.id },
        });
        return { id: row.id, number: row.number };
      });
    },

  };
}

export type TicketService = ReturnType<typeof createTicketService>;
