// When a ticket reached each stage and how long each took (domain/stage-times.ts): the pipeline's stamps, kept
// true across revisions and rollbacks, read from the ticket's own row.
import { STAGES, type StageDurations, stageDurations } from '../../domain/stage-times.ts';
import { builder } from '../builder.ts';
import { TicketRef } from './ticket.ts';

export const StageEnum = builder.enumType('Stage', {
  description:
    'A timed stage of a ticket: DEPARTMENT_APPROVAL (created → department approval), CREATIVE_APPROVAL (→ Creative approval), QUEUE (→ work started; assignment happens here), WORK (→ completed, revisions included), CONFIRMATION (→ confirmed by the requester).',
  values: STAGES.map((stage) => stage.stage),
});

type StageTimesShape = {
  createdAt: Date;
  deptApprovedAt: Date | null;
  creativeApprovedAt: Date | null;
  assignedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
};

const TicketStageTimes = builder.objectRef<StageTimesShape>('TicketStageTimes').implement({
  description:
    'When the ticket reached each stage; null for a stage it has not reached. A revision clears completedAt until the work is completed again; a rollback restores the times as they were right after the entry it returns to.',
  fields: (t) => ({
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    departmentApprovedAt: t.expose('deptApprovedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Also set at creation when the request skips the department step.',
    }),
    creativeApprovedAt: t.expose('creativeApprovedAt', { type: 'DateTime', nullable: true }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', nullable: true, description: 'The current assignment.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'The latest completion.' }),
    confirmedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    rejectedAt: t.expose('rejectedAt', { type: 'DateTime', nullable: true }),
  }),
});

const hours = (description: string) => ({ nullable: true as const, description });

const TicketStageDurations = builder.objectRef<StageDurations>('TicketStageDurations').implement({
  description: 'Hours spent in each stage; null for a stage the ticket has not passed.',
  fields: (t) => ({
    departmentApprovalHours: t.float({ ...hours('Created → department approval.'), resolve: (d) => d.DEPARTMENT_APPROVAL }),
    creativeApprovalHours: t.float({ ...hours('Department approval → Creative approval.'), resolve: (d) => d.CREATIVE_APPROVAL }),
    queueHours: t.float({ ...hours('Creative approval → work started.'), resolve: (d) => d.QUEUE }),
    workHours: t.float({ ...hours('Work started → completed (revisions included).'), resolve: (d) => d.WORK }),
    confirmationHours: t.float({ ...hours('Completed → confirmed.'), resolve: (d) => d.CONFIRMATION }),
    cycleHours: t.float({ ...hours('Total cycle time: created → completed.'), resolve: (d) => d.cycle }),
    processingHours: t.float({ ...hours('Processing time: started → completed.'), resolve: (d) => d.processing }),
  }),
});

builder.prismaObjectFields(TicketRef, (t) => ({
  stageTimes: t.field({ type: TicketStageTimes, resolve: (ticket) => ticket }),
  stageDurations: t.field({ type: TicketStageDurations, resolve: (ticket) => stageDurations(ticket) }),
}));
