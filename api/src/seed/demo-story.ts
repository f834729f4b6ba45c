// How a demo row becomes a story: the workflow steps it takes, who takes each, and when (hours after the
// request). Pure: seed/demo-driver.ts performs the steps through the real services.
import type { Priority } from '../domain/creative-request.ts';
import type { TicketStatus } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import { creationRoute } from '../domain/workflow.ts';
import type { DemoUsername } from './demo-team.ts';
import type { DemoMaker, DemoTicket, Milestone } from './demo-tickets.ts';

/** The team's usual pace: hours from the previous step to the next. */
export const STEP_HOURS = {
  departmentApproval: 3,
  creativeApproval: 5,
  rejection: 4,
  assignment: 1.5,
  collaborator: 0.5,
  start: 2,
  revision: 6,
  rework: 8,
  confirmation: 10,
  /** From the end of a shoot to delivery. */
  afterShoot: 4,
  comment: 0.5,
} as const;

/** Hours from start to completion of unscheduled work. */
export const WORK_HOURS: Record<Priority, number> = { URGENT: 1.5, HIGH: 18, MEDIUM: 40, LOW: 80 };

const CREATIVE_MANAGER: DemoUsername = 'creative.manager';

/** The workflow's forward path; REJECTED leaves it. */
const FORWARD: readonly TicketStatus[] = ['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED'];

/** What a step does and who does it; StoryStep adds when. */
export type StepAction = { actor: DemoUsername } & (
  | { kind: 'create' | 'approve' | 'start' | 'confirm' }
  | { kind: 'reject' | 'revise'; reason: string }
  | { kind: 'assign' | 'collaborate'; user: DemoMaker }
  | { kind: 'complete'; actualHours: number | null }
  | { kind: 'comment'; index: number; body: string; replyTo: number | null }
);

export type StoryStep = StepAction & { hour: number };

export class DemoStoryError extends Error {
  constructor(row: DemoTicket, problem: string) {
    super(`demo ticket "${row.title}": ${problem}`);
  }
}

/**
 * The steps that take `row` from its request to `row.to`, in order. `requester` decides where the ticket
 * starts (the workflow's creation route); `departmentManager` takes the department step.
 */
export function storyOf(row: DemoTicket, requester: Viewer, departmentManager: DemoUsername | null): StoryStep[] {
  const steps: StoryStep[] = [];
  const milestones = new Map<Milestone, number>();
  let hour = 0;
  const take = (after: number, step: StepAction) => {
    hour += after;
    steps.push({ ...step, hour });
  };
  const reach = (milestone: Milestone) => {
    if (!milestones.has(milestone)) milestones.set(milestone, hour);
  };
  const goesPast = (status: TicketStatus) => FORWARD.indexOf(row.to) > FORWARD.indexOf(status);
  const manager = (): DemoUsername => {
    if (!departmentManager) throw new DemoStoryError(row, 'its department has no manager to take the department step');
    return departmentManager;
  };

  take(0, { kind: 'create', actor: row.by });
  reach('requested');
  let status = creationRoute(requester).status;
  if (status === 'APPROVED') reach('approved');

  if ((row.to === 'REJECTED') !== Boolean(row.rejection)) throw new DemoStoryError(row, 'a rejection reason goes with to: REJECTED, and only with it');
  if (status === 'REQUESTED' && (goesPast('REQUESTED') || row.rejection?.by === 'creative')) {
    take(STEP_HOURS.departmentApproval, { kind: 'approve', actor: manager() });
    status = 'PENDING_CREATIVE';
  }
  if (row.rejection) {
    const rejecter = row.rejection.by === 'department' ? manager() : CREATIVE_MANAGER;
    take(STEP_HOURS.rejection, { kind: 'reject', actor: rejecter, reason: row.rejection.reason });
    reach('rejected');
  } else {
    if (status === 'PENDING_CREATIVE' && goesPast('PENDING_CREATIVE')) {
      take(STEP_HOURS.creativeApproval, { kind: 'approve', actor: CREATIVE_MANAGER });
      reach('approved');
    }
    const maker = row.assignee;
    if (goesPast('APPROVED') && !maker) throw new DemoStoryError(row, `reaching ${row.to} needs an assignee`);
    if (maker) {
      take(STEP_HOURS.assignment, { kind: 'assign', actor: CREATIVE_MANAGER, user: maker });
      reach('assigned');
    }
    if (row.collaborator) take(STEP_HOURS.collaborator, { kind: 'collaborate', actor: CREATIVE_MANAGER, user: row.collaborator });
    if (goesPast('APPROVED') && maker) playWork(row, maker, hour, take, reach);
  }

  // Comments follow their milestone, each a little after the one before.
  let commentHour = 0;
  (row.comments ?? []).forEach((comment, index) => {
    const after = milestones.get(comment.after);
    if (after === undefined) throw new DemoStoryError(row, `comment ${index} follows "${comment.after}", which the story never reaches`);
    if (comment.replyTo !== undefined && comment.replyTo >= index) throw new DemoStoryError(row, `comment ${index} answers a later comment`);
    commentHour = Math.max(after, commentHour) + STEP_HOURS.comment;
    steps.push({ kind: 'comment', hour: commentHour, actor: comment.by, index, body: comment.body, replyTo: comment.replyTo ?? null });
  });
  // Stable: steps at the same hour keep their order.
  return steps.sort((a, b) => a.hour - b.hour);
}

/** Start, completions with the revisions between them, and the requester's confirmation. */
function playWork(
  row: DemoTicket,
  maker: DemoMaker,
  startHour: number,
  take: (after: number, step: StepAction) => void,
  reach: (milestone: Milestone) => void,
): void {
  const request = row.request;
  let firstWork = WORK_HOURS[row.priority];
  if ('startsInHours' in request) {
    // Scheduled work starts when the shoot does and is delivered a little after it ends.
    const wait = request.startsInHours - startHour;
    if (wait < STEP_HOURS.collaborator) throw new DemoStoryError(row, 'the shoot starts before the ticket is assigned');
    take(wait, { kind: 'start', actor: maker });
    firstWork = request.hours + STEP_HOURS.afterShoot;
  } else {
    take(STEP_HOURS.start, { kind: 'start', actor: maker });
  }
  reach('started');
  const revisions = row.revisions ?? [];
  const completions = row.to === 'IN_PROGRESS' ? revisions.length : revisions.length + 1;
  for (let round = 0; round < completions; round += 1) {
    const last = round === completions - 1;
    take(round === 0 ? firstWork : STEP_HOURS.rework, { kind: 'complete', actor: maker, actualHours: last ? (row.hours?.actual ?? null) : null });
    reach('completed');
    const reason = revisions[round];
    if (reason !== undefined) {
      take(STEP_HOURS.revision, { kind: 'revise', actor: row.by, reason });
      reach('revision');
    }
  }
  if (row.to === 'CLOSED') {
    take(STEP_HOURS.confirmation, { kind: 'confirm', actor: row.by });
    reach('closed');
  }
}
