// Ticket mutations: one input, one { ticket } payload each. Resolvers only translate IDs and call the service.
import type { InputFieldMap, InputObjectRef } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../../context.ts';
import type { Viewer } from '../../domain/viewer.ts';
import type { TicketAction } from '../../domain/vocabulary.ts';
import type { RequestFields } from '../../services/tickets.ts';
import { type BuilderTypes, builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { ApprovalStepEnum, ComplexityEnum, CriteriaEnum, FileFormatEnum, PriorityEnum, RequestTypeEnum } from './enums.ts';
import { ProductRef } from './product.ts';
import { TicketRef } from './ticket.ts';
import { TicketHistoryEntryRef } from './ticket-history.ts';
import { UserRef } from './user.ts';

// The payload re-reads the changed ticket with exactly the selection the client asked for (one query). The
// mutation already decided the caller may act on it, so no read filter applies here: a requester who just
// trashed their ticket still gets it back.
const TicketPayload = builder.objectRef<{ ticket: { id: string } }>('TicketPayload').implement({
  fields: (t) => ({
    ticket: t.prismaField({
      type: TicketRef,
      resolve: (query, payload, _args, ctx) => ctx.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: payload.ticket.id } }),
    }),
  }),
});

const ProductItemInput = builder.inputType('ProductItemInput', {
  fields: (t) => ({
    productId: t.globalID({ for: ProductRef, required: true }),
    quantity: t.int({ required: true }),
    criteria: t.field({ type: CriteriaEnum }),
  }),
});

type RequestFieldsInput = {
  description?: string | null;
  priority?: RequestFields['priority'];
  dueDate?: Date | null;
  requestType?: RequestFields['requestType'];
  fileFormat?: RequestFields['fileFormat'];
  criteria?: RequestFields['criteria'];
  quantity?: number | null;
  complexity?: RequestFields['complexity'];
  estimatedHours?: number | null;
  actualHours?: number | null;
  scheduledStart?: Date | null;
  scheduledEnd?: Date | null;
  productItems?: { productId: { id: string }; quantity: number; criteria?: RequestFields['criteria'] }[] | null;
};

function requestFields(input: RequestFieldsInput): RequestFields {
  const { productItems, ...fields } = input;
  return {
    ...fields,
    ...(productItems !== undefined
      ? { productItems: productItems?.map((item) => ({ productId: item.productId.id, quantity: item.quantity, criteria: item.criteria ?? null })) ?? null }
      : {}),
  };
}

const CreateTicketInput = builder.inputType('CreateTicketInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    description: t.string(),
    priority: t.field({ type: PriorityEnum, description: 'Default MEDIUM.' }),
    dueDate: t.field({ type: 'DateTime', description: 'Must be in the future. Without one, assignment sets a deadline by priority.' }),
    departmentId: t.globalID({ for: DepartmentRef, description: "Default: the requester's department." }),
    requestType: t.field({ type: RequestTypeEnum, description: 'Default SOCMED_POSTING (with fileFormat STILL).' }),
    fileFormat: t.field({ type: FileFormatEnum }),
    criteria: t.field({ type: CriteriaEnum, description: 'Derived where the request type decides it.' }),
    quantity: t.int({ description: '1–1000; for ADS and TELEGRAM_CHANNEL the total of productItems.' }),
    complexity: t.field({ type: ComplexityEnum }),
    estimatedHours: t.float(),
    scheduledStart: t.field({ type: 'DateTime', description: 'PHOTOSHOOT, VIDEOSHOOT and LIVE_PRODUCTION.' }),
    scheduledEnd: t.field({ type: 'DateTime' }),
    productItems: t.field({ type: [ProductItemInput], description: 'ADS and TELEGRAM_CHANNEL: total ≤ 1000.' }),
  }),
});

builder.mutationField('createTicket', (t) =>
  t.field({
    type: TicketPayload,
    args: { input: t.arg({ type: CreateTicketInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { title, departmentId, ...rest } = input;
      const ticket = await ctx.services.tickets.create(requireViewer(ctx), {
        ...requestFields(rest),
        title,
        departmentId: departmentId?.id ?? null,
      });
      return { ticket };
    },
  }),
);

const UpdateTicketInput = builder.inputType('UpdateTicketInput', {
  description: 'Only the fields given change; null clears an optional field.',
  fields: (t) => ({
    id: t.globalID({ for: TicketRef, required: true }),
    expectedVersion: t.int({ description: 'Refuse with CONFLICT when the ticket changed since this version.' }),
    title: t.string(),
    description: t.string(),
    priority: t.field({ type: PriorityEnum }),
    dueDate: t.field({ type: 'DateTime' }),
    requestType: t.field({ type: RequestTypeEnum }),
    fileFormat: t.field({ type: FileFormatEnum }),
    criteria: t.field({ type: CriteriaEnum }),
    quantity: t.int(),
    complexity: t.field({ type: ComplexityEnum }),
    estimatedHours: t.float(),
    actualHours: t.float(),
    scheduledStart: t.field({ type: 'DateTime' }),
    scheduledEnd: t.field({ type: 'DateTime' }),
    productItems: t.field({ type: [ProductItemInput] }),
  }),
});

builder.mutationField('updateTicket', (t) =>
  t.field({
    type: TicketPayload,
    args: { input: t.arg({ type: UpdateTicketInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, expectedVersion, title, ...rest } = input;
      const ticket = await ctx.services.tickets.update(requireViewer(ctx), {
        id: id.id,
        expectedVersion,
        ...(title !== undefined ? { title } : {}),
        ...requestFields(rest),
      });
      return { ticket };
    },
  }),
);

/** Inputs that name a ticket and optionally the version the caller saw. */
function ticketInput<Fields extends InputFieldMap>(name: string, extra: (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => Fields) {
  return builder.inputType(name, {
    fields: (t) => ({
      id: t.globalID({ for: TicketRef, required: true }),
      expectedVersion: t.int({ description: 'Refuse with CONFLICT when the ticket changed since this version.' }),
      ...extra(t),
    }),
  });
}

const TicketActionInput = ticketInput('TicketActionInput', () => ({}));
const ApproveTicketInput = ticketInput('ApproveTicketInput', (t) => ({
  note: t.string(),
  step: t.field({
    type: ApprovalStepEnum,
    description:
      'The step this request approves; CONFLICT if the ticket is not waiting for it. Without it (and without expectedVersion), the step the ticket waits for, except that whoever approved the department step must name CREATIVE to approve the next one too: a repeated request never approves two steps.',
  }),
}));
const RejectTicketInput = ticketInput('RejectTicketInput', (t) => ({ reason: t.string({ required: true }) }));
const AssignTicketInput = ticketInput('AssignTicketInput', (t) => ({
  assigneeId: t.globalID({ for: UserRef, required: true }),
  dueDate: t.field({
    type: 'DateTime',
    description: 'Must be in the future; replaces the due date. Without it (and without one before), the deadline by priority.',
  }),
  collaboratorIds: t.globalIDList({ for: UserRef, description: 'Creative members to add as collaborators in the same step (at most 20).' }),
}));
const CompleteTicketInput = ticketInput('CompleteTicketInput', (t) => ({ actualHours: t.float() }));
const RequestRevisionInput = ticketInput('RequestRevisionInput', (t) => ({ reason: t.string({ required: true }) }));
const RollbackTicketInput = ticketInput('RollbackTicketInput', (t) => ({
  historyEntryId: t.globalID({ for: TicketHistoryEntryRef, required: true }),
  reason: t.string({ required: true }),
}));
const CollaboratorInput = ticketInput('CollaboratorInput', (t) => ({ userId: t.globalID({ for: UserRef, required: true }) }));
const DeleteTicketInput = ticketInput('DeleteTicketInput', (t) => ({ reason: t.string() }));

/**
 * A workflow action's mutation: `input` in, `{ ticket }` out; the service does the rest. `action` is the
 * workflow table's action it runs, from which shield's rule for the mutation follows (permissions/shield.ts).
 */
type ActionMutation<Input extends { id: { id: string } }> = {
  action: TicketAction;
  input: InputObjectRef<BuilderTypes, Input>;
  run: (ctx: Context, viewer: Viewer, input: Input, id: string) => Promise<{ id: string }>;
  description?: string;
};
type AnyActionMutation = ActionMutation<{ id: { id: string } }>;

/** One entry of the list, typed against its own input; the list holds entries of every input. */
const entry = <Input extends { id: { id: string } }>(mutation: ActionMutation<Input>) => mutation as unknown as AnyActionMutation;

const tickets = (ctx: Context) => ctx.services.tickets;

/** The ticket action mutations, each once: registered below and given its shield rule from here. */
export const TICKET_ACTION_MUTATIONS = {
  approveTicket: entry({
    action: 'APPROVE',
    input: ApproveTicketInput,
    run: (ctx, viewer, input, id) => tickets(ctx).approve(viewer, { ...input, id }),
    description: "REQUESTED → PENDING_CREATIVE (the department's manager), PENDING_CREATIVE → APPROVED (a Creative manager).",
  }),
  rejectTicket: entry({
    action: 'REJECT',
    input: RejectTicketInput,
    run: (ctx, viewer, input, id) => tickets(ctx).reject(viewer, { ...input, id }),
    description: 'REQUESTED or PENDING_CREATIVE → REJECTED, by whoever may approve that step; reason required.',
  }),
  assignTicket: entry({
    action: 'ASSIGN',
    input: AssignTicketInput,
    run: (ctx, viewer, input, id) =>
      tickets(ctx).assign(viewer, {
        ...input,
        id,
        assigneeId: input.assigneeId.id,
        collaboratorIds: input.collaboratorIds?.map((user) => user.id),
      }),
    description:
      'Sets or changes the assignee (APPROVED or IN_PROGRESS), with the due date and collaborators when given, as one change; without a due date, sets the deadline by priority.',
  }),
  startTicket: entry({ action: 'START', input: TicketActionInput, run: (ctx, viewer, input, id) => tickets(ctx).start(viewer, { ...input, id }) }),
  completeTicket: entry({ action: 'COMPLETE', input: CompleteTicketInput, run: (ctx, viewer, input, id) => tickets(ctx).complete(viewer, { ...input, id }) }),
  confirmTicket: entry({ action: 'CONFIRM', input: TicketActionInput, run: (ctx, viewer, input, id) => tickets(ctx).confirm(viewer, { ...input, id }) }),
  requestRevision: entry({
    action: 'REQUEST_REVISION',
    input: RequestRevisionInput,
    run: (ctx, viewer, input, id) => tickets(ctx).requestRevision(viewer, { ...input, id }),
    description: 'COMPLETED → IN_PROGRESS with a reason; counts the revision and posts the reason as a comment.',
  }),
  rollbackTicket: entry({
    action: 'ROLLBACK',
    input: RollbackTicketInput,
    run: (ctx, viewer, input, id) => tickets(ctx).rollback(viewer, { ...input, id, historyEntryId: input.historyEntryId.id }),
    description:
      'Restores what the entry recorded, as it was right after it: status, assignee, collaborators, the editable fields with the due date, and the revision count (comments, attachments and product items stay), as a new ROLLBACK entry listing each restored field.',
  }),
  addCollaborator: entry({
    action: 'ADD_COLLABORATOR',
    input: CollaboratorInput,
    run: (ctx, viewer, input, id) => tickets(ctx).addCollaborator(viewer, { ...input, id, userId: input.userId.id }),
  }),
  removeCollaborator: entry({
    action: 'REMOVE_COLLABORATOR',
    input: CollaboratorInput,
    run: (ctx, viewer, input, id) => tickets(ctx).removeCollaborator(viewer, { ...input, id, userId: input.userId.id }),
  }),
  deleteTicket: entry({
    action: 'DELETE',
    input: DeleteTicketInput,
    run: (ctx, viewer, input, id) => tickets(ctx).softDelete(viewer, { ...input, id }),
    description: 'Moves the ticket to the trash (restoreTicket brings it back).',
  }),
  restoreTicket: entry({ action: 'RESTORE', input: TicketActionInput, run: (ctx, viewer, input, id) => tickets(ctx).restore(viewer, { ...input, id }) }),
} satisfies Record<string, AnyActionMutation>;

for (const [name, { input, run, description }] of Object.entries(TICKET_ACTION_MUTATIONS) as [string, AnyActionMutation][]) {
  builder.mutationField(name, (t) =>
    t.field({
      type: TicketPayload,
      ...(description ? { description } : {}),
      args: { input: t.arg({ type: input, required: true }) },
      resolve: async (_root, args, ctx) => {
        // Pothos cannot infer the argument shape through the generic input ref; it is the entry's by construction.
        const value = (args as unknown as { input: { id: { id: string } } }).input;
        return { ticket: await run(ctx, requireViewer(ctx), value, value.id.id) };
      },
    }),
  );
}

const PurgeTicketInput = builder.inputType('PurgeTicketInput', {
  fields: (t) => ({ id: t.globalID({ for: TicketRef, required: true }) }),
});

const PurgeTicketPayload = builder.simpleObject('PurgeTicketPayload', {
  fields: (t) => ({ purgedTicketId: t.id(), purgedTicketNumber: t.int() }),
});

builder.mutationField('purgeTicket', (t) =>
  t.field({
    type: PurgeTicketPayload,
    description: 'Deletes a trashed ticket for good (admins).',
    args: { input: t.arg({ type: PurgeTicketInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const purged = await ctx.services.tickets.purge(requireViewer(ctx), { id: input.id.id });
      return { purgedTicketId: encodeGlobalID('Ticket', purged.id), purgedTicketNumber: purged.number };
    },
  }),
);
