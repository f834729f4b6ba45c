// When a ticket reached each stage of its life, and how long each stage took. The stamps are columns of the
// ticket written by the pipeline's commit (the workflow table's `stamps`), so SQL aggregates read them
// directly. Two rules keep them true: a revision clears `completedAt` (the work is not done any more), and a
// rollback sets every stamp to what it was right after the entry it returns to (stampsAfterRollback).
import type { TicketStatus } from './ticket-access.ts';
import { HISTORY_ACTIONS, type HistoryAction, TICKET_STATUSES } from './vocabulary.ts';
import { CREATION_ROUTES, DEFAULT_ROUTE, STATUS_MOVES, stampsOfHistory, type TicketStamp, WORKFLOW } from './workflow.ts';

/** The stamps of the stages, in the order a ticket passes them. */
export const STAGE_STAMPS = ['deptApprovedAt', 'creativeApprovedAt', 'assignedAt', 'startedAt', 'completedAt', 'closedAt', 'rejectedAt'] as const;
export type StageStamp = (typeof STAGE_STAMPS)[number];
export type StageStamps = Record<StageStamp, Date | null>;

/**
 * The timed stages: from one stamp to the next. `queue` runs from Creative's approval to the start of the work
 * (assignment happens in it, and a re-assignment may come after the start, so assignedAt bounds no stage).
 */
export const STAGES = [
  { stage: 'DEPARTMENT_APPROVAL', from: 'createdAt', to: 'deptApprovedAt' },
  { stage: 'CREATIVE_APPROVAL', from: 'deptApprovedAt', to: 'creativeApprovedAt' },
  { stage: 'QUEUE', from: 'creativeApprovedAt', to: 'startedAt' },
  { stage: 'WORK', from: 'startedAt', to: 'completedAt' },
  { stage: 'CONFIRMATION', from: 'completedAt', to: 'closedAt' },
] as const satisfies readonly { stage: string; from: StageStamp | 'createdAt'; to: StageStamp }[];
export type Stage = (typeof STAGES)[number]['stage'];

const HOUR = 3_600_000;
const hoursBetween = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / HOUR : null);

export type StageDurations = Record<Stage, number | null> & {
  /** Request to delivery: createdAt → completedAt. */
  cycle: number | null;
  /** The work itself: startedAt → completedAt (revisions included). */
  processing: number | null;
};

/** Hours spent in each stage the ticket has passed (null for a stage not passed). */
export function stageDurations(ticket: StageStamps & { createdAt: Date }): StageDurations {
  const durations = Object.fromEntries(STAGES.map(({ stage, from, to }) => [stage, hoursBetween(ticket[from], ticket[to])])) as Record<Stage, number | null>;
  return { ...durations, cycle: hoursBetween(ticket.createdAt, ticket.completedAt), processing: hoursBetween(ticket.startedAt, ticket.completedAt) };
}

const isStageStamp = (stamp: TicketStamp): stamp is StageStamp => (STAGE_STAMPS as readonly string[]).includes(stamp);

/**
 * The stamps a ticket in each status may carry, from the workflow table: those recorded along any way from a
 * creation route to the status that passes no status twice (a revision's way back to IN_PROGRESS clears
 * completedAt). A rejected ticket may have passed the department step. assignedAt follows the assignee instead.
 */
export const REACHED: Record<TicketStatus, readonly StageStamp[]> = (() => {
  const carried = Object.fromEntries(TICKET_STATUSES.map((status) => [status, new Set<TicketStamp>()])) as Record<TicketStatus, Set<TicketStamp>>;
  const walk = (status: TicketStatus, passed: readonly TicketStatus[], stamps: readonly TicketStamp[]) => {
    for (const stamp of stamps) carried[status].add(stamp);
    for (const move of STATUS_MOVES) {
      if (move.from === status && !passed.includes(move.to)) walk(move.to, [...passed, move.to], [...stamps, ...move.stamps]);
    }
  };
  for (const route of [DEFAULT_ROUTE, ...CREATION_ROUTES.map((entry) => entry.route)]) walk(route.status, [route.status], route.stamps);
  const reached = (status: TicketStatus): readonly StageStamp[] => STAGE_STAMPS.filter((stamp) => stamp !== 'assignedAt' && carried[status].has(stamp));
  return Object.fromEntries(TICKET_STATUSES.map((status) => [status, reached(status)] as const)) as Record<TicketStatus, readonly StageStamp[]>;
})();

/** A history entry as the stamps see it: which step it recorded, into which status, when. */
export type StampEntry = { action: HistoryAction; toStatus: TicketStatus | null; createdAt: Date };

/** The stage stamps a history entry sets: its workflow rule's (a creation routed past an approval step sets that step's). */
export function stampsOfEntry(entry: Pick<StampEntry, 'action' | 'toStatus'>): StageStamp[] {
  return stampsOfHistory(entry.action, entry.toStatus).filter(isStageStamp);
}

/** The history actions whose entries set stage stamps: the entries a rollback reads to restore them. */
export const STAMPING_HISTORY_ACTIONS: readonly HistoryAction[] = HISTORY_ACTIONS.filter((action) =>
  action === 'CREATED'
    ? CREATION_ROUTES.some((entry) => entry.route.stamps.some(isStageStamp))
    : WORKFLOW.some((rule) => rule.effects.history === action && rule.effects.stamps.some(isStageStamp)),
);

/**
 * The stamps right after a rollback to a history entry: the stages the restored status has passed, each at the
 * latest entry up to the target that recorded it (so a rollback to the first completion restores the first
 * completion's time), the others cleared. `entries` are the ticket's entries up to and including the target.
 */
export function stampsAfterRollback(
  to: { status: TicketStatus; assigneeId: string | null },
  entries: readonly StampEntry[],
  current: StageStamps,
): StageStamps {
  const latest: Partial<Record<StageStamp, Date>> = {};
  for (const entry of entries) {
    for (const stamp of stampsOfEntry(entry)) {
      const seen = latest[stamp];
      if (!seen || seen < entry.createdAt) latest[stamp] = entry.createdAt;
    }
  }
  const reached = REACHED[to.status];
  const stamps = Object.fromEntries(STAGE_STAMPS.map((stamp) => [stamp, reached.includes(stamp) ? (latest[stamp] ?? current[stamp]) : null])) as StageStamps;
  stamps.assignedAt = to.assigneeId ? (latest.assignedAt ?? current.assignedAt) : null;
  return stamps;
}
