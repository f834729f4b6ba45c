// Ticket use cases: create, edit, the workflow actions, collaborators, rollback and trash. Each method checks
// its input's shape and runs its action through the one pipeline (ticket-pipeline.ts): load → decide (the
// workflow table) → facts → plan (ticket-actions.ts) → commit → publish.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError } from '../domain/errors.ts';
import { isAdmin, type Viewer } from '../domain/viewer.ts';
import type { ApprovalStep } from '../domain/vocabulary.ts';
import type { AssignInput, RequestFields } from './ticket-actions.ts';
import * as actions from './ticket-actions.ts';
import type { EffectsSink } from './ticket-changes.ts';
import { createTicketPipeline, type TicketTarget } from './ticket-pipeline.ts';
import type { TicketRow } from './ticket-rows.ts';

export type { RequestFields };
export type CreateTicketInput = RequestFields & { title: string; departmentId?: string | null };
export type ActionInput = TicketTarget;

const MAX_REASON_LENGTH = 2000;
/** Collaborators one assignment may add (a team on one request, not a department). */
const MAX_COLLABORATORS_AT_ONCE = 20;

const reasonRequired = (reason: string | null | undefined, field = 'reason'): string => {
  const trimmed = reason?.trim();
  if (!trimmed) throw new BadInputError(`${field} is required.`, field);
  return reasonOptional(trimmed, field) as string;
};

const reasonOptional = (reason: string | null | undefined, field: string): string | null => {
  const trimmed = reason?.trim() || null;
  if (trimmed && trimmed.length > MAX_REASON_LENGTH) throw new BadInputError(`${field} must be at most ${MAX_REASON_LENGTH} characters.`, field);
  return trimmed;
};

/**
 * A deadline or a shoot's start that the request sets now must lie ahead, on create and on edit alike; a date
 * that is merely kept (not sent) may have passed since.
 */
function refusePastDates(fields: Pick<RequestFields, 'dueDate' | 'scheduledStart'>, now = Date.now()): void {
  if (fields.dueDate && fields.dueDate.getTime() <= now) throw new BadInputError('dueDate must be in the future.', 'dueDate');
  if (fields.scheduledStart && fields.scheduledStart.getTime() <= now) {
    throw new BadInputError('scheduledStart must be in the future.', 'scheduledStart');
  }
}

export type TicketServiceDeps = {
  prisma: PrismaClient;
  sink: EffectsSink;
  /** Frees stored attachment bytes that no row refers to any more (after a purge). */
  releaseContent?: (storageKeys: string[]) => Promise<void>;
};

export function createTicketService({ prisma, sink, releaseContent }: TicketServiceDeps) {
  const pipeline = createTicketPipeline(prisma, sink);
  const changed = async (committed: Promise<{ ticket: TicketRow }>): Promise<TicketRow> => (await committed).ticket;

  /**
   * The department of a ticket whose requester belongs to none and named none. An admin (a new deployment's
   * first admin belongs to none, and the request form asks for no department) files with the Creative
   * department, the one doing the work; anyone else is asked to name one.
   */
  async function departmentOfAdminWithout(viewer: Viewer): Promise<string> {
    if (!isAdmin(viewer)) throw new BadInputError('departmentId is required: you belong to no department.', 'departmentId');
    const creative = await prisma.department.findFirst({ where: { isCreative: true }, orderBy: { createdAt: 'asc' }, select: { id: true } });
    if (creative) return creative.id;
    throw new BadInputError(
      'departmentId is required: you belong to no department and there is no Creative department to file with. Create the departments first (Manage → Departments, or `npm run create-admin` on a new database).',
      'departmentId',
    );
  }

  return {
    async create(viewer: Viewer, input: CreateTicketInput): Promise<TicketRow> {
      refusePastDates(input);
      const departmentId = input.departmentId ?? viewer.departmentId ?? (await departmentOfAdminWithout(viewer));
      return changed(pipeline.create(actions.CREATE, viewer, { ...input, departmentId }));
    },

    update(viewer: Viewer, input: ActionInput & RequestFields): Promise<TicketRow> {
      refusePastDates(input);
      return changed(pipeline.run(actions.EDIT, viewer, input));
    },

    approve(viewer: Viewer, input: ActionInput & { note?: string | null; step?: ApprovalStep | null }) {
      return changed(pipeline.run(actions.APPROVE, viewer, { ...input, note: reasonOptional(input.note, 'note') }));
    },

    reject(viewer: Viewer, input: ActionInput & { reason: string }) {
      return changed(pipeline.run(actions.REJECT, viewer, { ...input, reason: reasonRequired(input.reason) }));
    },

    assign(viewer: Viewer, input: ActionInput & Omit<AssignInput, 'id'>): Promise<TicketRow> {
      if (input.dueDate) refusePastDates({ dueDate: input.dueDate, scheduledStart: null });
      if ((input.collaboratorIds?.length ?? 0) > MAX_COLLABORATORS_AT_ONCE) {
        throw new BadInputError(`At most ${MAX_COLLABORATORS_AT_ONCE} collaborators at once.`, 'collaboratorIds');
      }
      return changed(pipeline.run(actions.ASSIGN, viewer, input));
    },

    start(viewer: Viewer, input: ActionInput) {
      return changed(pipeline.run(actions.START, viewer, input));
    },

    complete(viewer: Viewer, input: ActionInput & { actualHours?: number | null }) {
      if (input.actualHours != null && (!Number.isFinite(input.actualHours) || input.actualHours < 0 || input.actualHours > 10_000)) {
        throw new BadInputError('actualHours must be between 0 and 10000.', 'actualHours');
      }
      return changed(pipeline.run(actions.COMPLETE, viewer, input));
    },

    confirm(viewer: Viewer, input: ActionInput) {
      return changed(pipeline.run(actions.CONFIRM, viewer, input));
    },

    requestRevision(viewer: Viewer, input: ActionInput & { reason: string }) {
      return changed(pipeline.run(actions.REQUEST_REVISION, viewer, { ...input, reason: reasonRequired(input.reason) }));
    },

    addCollaborator(viewer: Viewer, input: ActionInput & { userId: string }): Promise<TicketRow> {
      return changed(pipeline.run(actions.ADD_COLLABORATOR, viewer, input));
    },

    removeCollaborator(viewer: Viewer, input: ActionInput & { userId: string }): Promise<TicketRow> {
      return changed(pipeline.run(actions.REMOVE_COLLABORATOR, viewer, input));
    },

    /** Restores status, assignee, collaborators and editable fields as they were right after the entry. */
    rollback(viewer: Viewer, input: ActionInput & { historyEntryId: string; reason: string }): Promise<TicketRow> {
      return changed(pipeline.run(actions.ROLLBACK, viewer, { ...input, reason: reasonRequired(input.reason) }));
    },

    softDelete(viewer: Viewer, input: ActionInput & { reason?: string | null }) {
      return changed(pipeline.run(actions.DELETE, viewer, { ...input, reason: reasonOptional(input.reason, 'reason') }));
    },

    restore(viewer: Viewer, input: ActionInput) {
      return changed(pipeline.run(actions.RESTORE, viewer, input));
    },

    /** Removes a trashed ticket for good (admins). Its activity log rows stay, detached. */
    async purge(viewer: Viewer, input: { id: string }): Promise<{ id: string; number: number }> {
      const stored = await prisma.attachment.findMany({ where: { ticketId: input.id }, select: { storageKey: true } });
      const { ticket } = await pipeline.run(actions.PURGE, viewer, input);
      await releaseContent?.(stored.map((row) => row.storageKey));
      return { id: ticket.id, number: ticket.number };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
