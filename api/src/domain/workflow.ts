// The ticket workflow as data: one table of (action, from, to, who), and a pure decide() over it that answers
// with a result, never an exception. The same decision answers the service (transition() throws it at the
// edge), availableActions and viewerCanEdit, so no caller keeps its own copy of the rules.
import { ForbiddenError, InvalidTransitionError } from './errors.ts';
import {
  canReadTicket,
  hasManagerAuthority,
  isCreativeManager,
  isDepartmentManagerOf,
  isMaker,
  isRequester,
  type TicketFacts,
  type TicketStatus,
} from './ticket-access.ts';
import { isAdmin, type Viewer } from './viewer.ts';
import {
  type ApprovalStep,
  type HistoryAction,
  OPEN_STATUSES,
  ROLES,
  type Role,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketEventType,
} from './vocabulary.ts';

export { type ApprovalStep, type HistoryAction, ROLES, TICKET_ACTIONS, type TicketAction, type TicketEventType };

/** Timestamps a transition records on the ticket. */
export type TicketStamp =
  | 'reachedCreativeAt'
  | 'deptApprovedAt'
  | 'creativeApprovedAt'
  | 'assignedAt'
  | 'startedAt'
  | 'completedAt'
  | 'closedAt'
  | 'rejectedAt';

/**
 * A named test of the actor against the ticket: the "who" column. `roles` are the roles that can pass the
 * test at all (shield's coarse rule for an action is derived from them: rolesThatMay).
 */
export type Party = { name: string; roles: readonly Role[]; test: (viewer: Viewer, ticket: TicketFacts) => boolean };

const party = (name: string, roles: readonly Role[], test: Party['test']): Party => ({ name, roles, test });

export const ADMIN = party('an admin', ['ADMIN'], (viewer) => isAdmin(viewer));
export const DEPARTMENT_MANAGER = party("the ticket's department manager", ['MANAGER'], isDepartmentManagerOf);
export const CREATIVE_MANAGER = party('a Creative manager', ['MANAGER'], (viewer) => isCreativeManager(viewer));
export const MANAGER_WITH_AUTHORITY = party('a manager with authority over the ticket', ['MANAGER'], hasManagerAuthority);
export const REQUESTER = party('the requester', ROLES, isRequester);
export const MAKER = party('the assignee or a collaborator', ROLES, isMaker);
export const READER = party('someone who can read the ticket', ROLES, canReadTicket);

/**
 * What the commit does to the ticket row: UPDATE it (guarded by version and status), DELETE it (purge),
 * INSERT it (creation), or leave it as it is (NONE: comments, attachments).
 */
export type RowWrite = 'UPDATE' | 'DELETE' | 'INSERT' | 'NONE';

export type Effects = {
  history: HistoryAction | null;
  event: TicketEventType;
  stamps: readonly TicketStamp[];
  /** UPDATE unless stated. */
  write?: RowWrite;
};

export type TransitionRule = {
  action: TicketAction;
  from: readonly TicketStatus[];
  /**
   * 'SAME' keeps the status (edits, assignment, comments). 'FROM_SNAPSHOT' is the status of the history entry
   * the action returns to (rollback): the action's plan reads it from that entry.
   */
  to: TicketStatus | 'SAME' | 'FROM_SNAPSHOT';
  who: readonly Party[];
  /** The refusal's message when the action is possible but not for this actor (default: who may, listed). */
  forbidden?: string;
  /** Rules for trashed tickets; every other rule applies only outside the trash. */
  inTrash?: boolean;
  /** A further precondition on the ticket, with the message that explains a refusal. */
  requires?: { test: (ticket: TicketFacts) => boolean; message: string };
  effects: Effects;
};

const OPEN = OPEN_STATUSES;
const ALL = TICKET_STATUSES;
const hasAssignee = { test: (ticket: TicketFacts) => ticket.assigneeId !== null, message: 'Assign the ticket before starting it.' };

export const WORKFLOW: readonly TransitionRule[] = [
  {
    action: 'APPROVE',
    from: ['REQUESTED'],
    to: 'PENDING_CREATIVE',
    who: [DEPARTMENT_MANAGER, ADMIN],
    effects: { history: 'APPROVED', event: 'STATUS_CHANGED', stamps: ['deptApprovedAt', 'reachedCreativeAt'] },
  },
  {
    action: 'APPROVE',
    from: ['PENDING_CREATIVE'],
    to: 'APPROVED',
    who: [CREATIVE_MANAGER, ADMIN],
    effects: { history: 'APPROVED', event: 'STATUS_CHANGED', stamps: ['creativeApprovedAt'] },
  },
  {
    action: 'REJECT',
    from: ['REQUESTED'],
    to: 'REJECTED',
    who: [DEPARTMENT_MANAGER, ADMIN],
    effects: { history: 'REJECTED', event: 'STATUS_CHANGED', stamps: ['rejectedAt'] },
  },
  {
    action: 'REJECT',
    from: ['PENDING_CREATIVE'],
    to: 'REJECTED',
    who: [CREATIVE_MANAGER, ADMIN],
    effects: { history: 'REJECTED', event: 'STATUS_CHANGED', stamps: ['rejectedAt'] },
  },
  {
    action: 'ASSIGN',
    from: ['APPROVED', 'IN_PROGRESS'],
    to: 'SAME',
    who: [CREATIVE_MANAGER, ADMIN],
    effects: { history: 'ASSIGNED', event: 'ASSIGNED', stamps: ['assignedAt'] },
  },
  {
    action: 'ADD_COLLABORATOR',
    from: ['APPROVED', 'IN_PROGRESS'],
    to: 'SAME',
    who: [CREATIVE_MANAGER, ADMIN],
    effects: { history: 'COLLABORATOR_ADDED', event: 'UPDATED', stamps: [] },
  },
  {
    // Whoever may add collaborators may remove them.
    action: 'REMOVE_COLLABORATOR',
    from: ['APPROVED', 'IN_PROGRESS'],
    to: 'SAME',
    who: [CREATIVE_MANAGER, ADMIN],
    effects: { history: 'COLLABORATOR_REMOVED', event: 'UPDATED', stamps: [] },
  },
  {
    action: 'START',
    from: ['APPROVED'],
    to: 'IN_PROGRESS',
    who: [MAKER],
    requires: hasAssignee,
    effects: { history: 'STARTED', event: 'STATUS_CHANGED', stamps: ['startedAt'] },
  },
  {
    action: 'COMPLETE',
    from: ['IN_PROGRESS'],
    to: 'COMPLETED',
    who: [MAKER],
    effects: { history: 'COMPLETED', event: 'STATUS_CHANGED', stamps: ['completedAt'] },
  },
  {
    action: 'CONFIRM',
    from: ['COMPLETED'],
    to: 'CLOSED',
    who: [REQUESTER, ADMIN],
    effects: { history: 'CONFIRMED', event: 'STATUS_CHANGED', stamps: ['closedAt'] },
  },
  {
    action: 'REQUEST_REVISION',
    from: ['COMPLETED'],
    to: 'IN_PROGRESS',
    who: [REQUESTER, MAKER, MANAGER_WITH_AUTHORITY, ADMIN],
    effects: { history: 'REVISION_REQUESTED', event: 'STATUS_CHANGED', stamps: [] },
  },
  {
    action: 'EDIT',
    from: ['REQUESTED'],
    to: 'SAME',
    who: [REQUESTER, MANAGER_WITH_AUTHORITY, ADMIN],
    effects: { history: 'UPDATED', event: 'UPDATED', stamps: [] },
  },
  {
    action: 'EDIT',
    from: ['PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED'],
    to: 'SAME',
    who: [MANAGER_WITH_AUTHORITY, ADMIN],
    effects: { history: 'UPDATED', event: 'UPDATED', stamps: [] },
  },
  {
    action: 'ROLLBACK',
    from: ALL,
    to: 'FROM_SNAPSHOT',
    who: [MANAGER_WITH_AUTHORITY, ADMIN],
    effects: { history: 'ROLLBACK', event: 'ROLLED_BACK', stamps: [] },
  },
  {
    action: 'COMMENT',
    from: ALL,
    to: 'SAME',
    who: [READER],
    // The composed 'Only … can <action> this ticket now.' reads wrong for these; the pipeline answers a
    // non-reader NOT_FOUND before this is reached, so it is the wording for any other caller of decide().
    forbidden: 'Only someone who can read the ticket can comment on it.',
    effects: { history: null, event: 'COMMENTED', stamps: [], write: 'NONE' },
  },
  {
    action: 'ATTACH',
    from: OPEN,
    to: 'SAME',
    who: [READER],
    forbidden: 'Only someone who can read the ticket can attach files to it.',
    effects: { history: 'ATTACHMENT_ADDED', event: 'ATTACHMENT_ADDED', stamps: [], write: 'NONE' },
  },
  {
    // Whoever may attach may remove; which attachment is the plan's question (domain/attachments.ts
    // canRemoveAttachment: its uploader, a manager with authority, an admin).
    action: 'REMOVE_ATTACHMENT',
    from: OPEN,
    to: 'SAME',
    who: [READER],
    forbidden: 'Only someone who can read the ticket can remove its files.',
    effects: { history: 'ATTACHMENT_REMOVED', event: 'ATTACHMENT_REMOVED', stamps: [], write: 'NONE' },
  },
  {
    action: 'DELETE',
    from: ['REQUESTED'],
    to: 'SAME',
    who: [REQUESTER, MANAGER_WITH_AUTHORITY, ADMIN],
    effects: { history: 'DELETED', event: 'DELETED', stamps: [] },
  },
  {
    action: 'DELETE',
    from: ['PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'REJECTED'],
    to: 'SAME',
    who: [MANAGER_WITH_AUTHORITY, ADMIN],
    effects: { history: 'DELETED', event: 'DELETED', stamps: [] },
  },
  {
    action: 'RESTORE',
    from: ALL,
    to: 'SAME',
    who: [MANAGER_WITH_AUTHORITY, ADMIN],
    inTrash: true,
    effects: { history: 'RESTORED', event: 'RESTORED', stamps: [] },
  },
  {
    // Removes a trashed ticket for good; its activity log rows stay, detached.
    action: 'PURGE',
    from: ALL,
    to: 'SAME',
    who: [ADMIN],
    inTrash: true,
    forbidden: 'Only admins can purge tickets.',
    effects: { history: null, event: 'DELETED', stamps: [], write: 'DELETE' },
  },
];

/** A decided action. `to` is 'FROM_SNAPSHOT' only for rules that say so; the action's plan resolves it. */
export type Transition = {
  action: TicketAction;
  from: TicketStatus;
  to: TicketStatus | 'FROM_SNAPSHOT';
  effects: Effects;
};

export type Refusal = { ok: false; code: 'INVALID_TRANSITION' | 'FORBIDDEN'; message: string };
export type Decision = { ok: true; transition: Transition } | Refusal;

function describeAction(action: TicketAction): string {
  return action.toLowerCase().replace(/_/g, ' ');
}

const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

/** Whether the action acts on trashed tickets (restore, purge) rather than on live ones. */
export function actsInTrash(action: TicketAction): boolean {
  return WORKFLOW.some((rule) => rule.action === action && rule.inTrash === true);
}

/**
 * Decides an action: the next status and the effects the commit must run, or a refusal:
 * INVALID_TRANSITION when the action is not possible from the ticket's status, FORBIDDEN when it is but
 * not for this actor. Never throws.
 */
export function decide(ticket: TicketFacts, action: TicketAction, actor: Viewer): Decision {
  const rules = WORKFLOW.filter((rule) => rule.action === action && Boolean(rule.inTrash) === ticket.deleted);
  if (rules.length === 0) {
    return refuse(
      'INVALID_TRANSITION',
      ticket.deleted
        ? `The ticket is in the trash; restore it to ${describeAction(action)} it.`
        : `A ticket cannot be ${describeAction(action)}d outside the trash.`,
    );
  }
  const fromHere = rules.filter((rule) => rule.from.includes(ticket.status));
  if (fromHere.length === 0) return refuse('INVALID_TRANSITION', `Cannot ${describeAction(action)} a ${ticket.status} ticket.`);
  const allowed = fromHere.find((rule) => rule.who.some((who) => who.test(actor, ticket)));
  if (!allowed) {
    const stated = fromHere.find((rule) => rule.forbidden)?.forbidden;
    const who = [...new Set(fromHere.flatMap((rule) => rule.who.map((entry) => entry.name)))];
    return refuse('FORBIDDEN', stated ?? `Only ${who.join(' or ')} can ${describeAction(action)} this ticket now.`);
  }
  if (allowed.requires && !allowed.requires.test(ticket)) return refuse('INVALID_TRANSITION', allowed.requires.message);
  return {
    ok: true,
    transition: { action, from: ticket.status, to: allowed.to === 'SAME' ? ticket.status : allowed.to, effects: allowed.effects },
  };
}

/** The status each approval step is taken from (the APPROVE rows of the table). */
export const APPROVAL_STEP_FROM = { DEPARTMENT: 'REQUESTED', CREATIVE: 'PENDING_CREATIVE' } as const satisfies Record<ApprovalStep, TicketStatus>;

/**
 * One approval request approves exactly one step. A request naming its step approves that step or is a
 * conflict (the ticket moved on). One naming neither step nor version is taken as its sender's intent as of
 * the ticket they saw, which the server can only guess: so when the ticket waits for Creative and this very
 * actor approved the department step, the request is most likely a repeat of that one (a double click, a retry,
 * 50 sent at once) and is a conflict too; before, an admin's repeats carried a ticket through both steps.
 * Returns the conflict's message, or null.
 */
export function approvalConflict(
  ticket: TicketFacts & { departmentApprovedById: string | null },
  actor: Viewer,
  request: { step?: ApprovalStep | null; expectedVersion?: number | null },
): string | null {
  if (request.step) {
    if (ticket.status === APPROVAL_STEP_FROM[request.step]) return null;
    const step = request.step === 'DEPARTMENT' ? 'department' : 'Creative';
    return `The ticket is ${ticket.status}, not waiting for the ${step} approval; reload and try again.`;
  }
  if (request.expectedVersion != null || ticket.status !== APPROVAL_STEP_FROM.CREATIVE) return null;
  // Only someone who may approve both steps can advance twice; anyone else hears FORBIDDEN from decide().
  if (ticket.departmentApprovedById !== actor.id || !decide(ticket, 'APPROVE', actor).ok) return null;
  return 'You approved the department step of this ticket already; to approve the Creative step as well, send step: CREATIVE.';
}

/** A refusal as the domain error the public contract reports. */
export function refusalError(refusal: Refusal): ForbiddenError | InvalidTransitionError {
  return refusal.code === 'FORBIDDEN' ? new ForbiddenError(refusal.message) : new InvalidTransitionError(refusal.message);
}

/** decide() for callers that stop at a refusal: the transition, or the refusal thrown as a domain error. */
export function transition(ticket: TicketFacts, action: TicketAction, actor: Viewer): Transition {
  const decision = decide(ticket, action, actor);
  if (!decision.ok) throw refusalError(decision);
  return decision.transition;
}

/**
 * Who finds a trashed ticket in the trash: whoever may restore it (managers with authority, admins; admins may
 * also purge), and its requester when they deleted it themselves, to see where it went. Restoring stays with
 * managers and admins, as the contract's Trash rule says: the requester's row offers no action (availableActions
 * is empty for them), and the web client tells them who can bring it back.
 */
export function seesInTrash(viewer: Viewer, ticket: TicketFacts, deletedById: string | null): boolean {
  if (!ticket.deleted) return false;
  return decide(ticket, 'RESTORE', viewer).ok || (isRequester(viewer, ticket) && deletedById === viewer.id);
}

/** The actions the viewer may take on the ticket now, in vocabulary order. */
export function availableActions(ticket: TicketFacts, viewer: Viewer): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => decide(ticket, action, viewer).ok);
}

// ——— Derived from the table: every other module asks these instead of keeping a copy ———

const isFixedStatus = (to: TransitionRule['to']): to is TicketStatus => to !== 'SAME' && to !== 'FROM_SNAPSHOT';

/** A move between two statuses the table allows, with the stamps it records. */
export type StatusMove = { action: TicketAction; from: TicketStatus; to: TicketStatus; stamps: readonly TicketStamp[] };

/**
 * Every move from one status to another fixed status, outside the trash, in table order: the board's legal
 * moves. Rollback's target is the history entry's status, so it is no move of its own.
 */
export const STATUS_MOVES: readonly StatusMove[] = WORKFLOW.flatMap((rule) => {
  const to = rule.to;
  if (rule.inTrash || !isFixedStatus(to)) return [];
  return rule.from.filter((from) => from !== to).map((from) => ({ action: rule.action, from, to, stamps: rule.effects.stamps }));
});

/** The statuses (outside the trash) from which someone may take the action, in vocabulary order. */
export function statusesAllowing(action: TicketAction): TicketStatus[] {
  return TICKET_STATUSES.filter((status) => WORKFLOW.some((rule) => rule.action === action && !rule.inTrash && rule.from.includes(status)));
}

/** The statuses the action moves a ticket into, in vocabulary order. */
export function statusesReachedBy(action: TicketAction): TicketStatus[] {
  return TICKET_STATUSES.filter((status) => STATUS_MOVES.some((move) => move.action === action && move.to === status));
}

/** The roles whose holders can take the action on some ticket: its rules' parties' roles, in vocabulary order. */
export function rolesThatMay(action: TicketAction): Role[] {
  return ROLES.filter((role) => WORKFLOW.some((rule) => rule.action === action && rule.who.some((who) => who.roles.includes(role))));
}

/** The stamps a history entry's transition set: its rule's, or for a creation its route's (the entry's toStatus). */
export function stampsOfHistory(action: HistoryAction, toStatus: TicketStatus | null): readonly TicketStamp[] {
  if (action === 'CREATED') return [DEFAULT_ROUTE, ...CREATION_ROUTES.map((entry) => entry.route)].find((route) => route.status === toStatus)?.stamps ?? [];
  const rule = WORKFLOW.find((entry) => entry.effects.history === action && (!isFixedStatus(entry.to) || entry.to === toStatus));
  return rule?.effects.stamps ?? [];
}

export type AvailableTransition = { action: TicketAction; to: TicketStatus };

/** The status changes the viewer may make now: the STATUS_MOVES from here that decide() allows. */
export function availableTransitions(ticket: TicketFacts, viewer: Viewer): AvailableTransition[] {
  return STATUS_MOVES.filter((move) => {
    if (move.from !== ticket.status) return false;
    const decision = decide(ticket, move.action, viewer);
    return decision.ok && decision.transition.to === move.to;
  }).map(({ action, to }) => ({ action, to }));
}

/** Whether the viewer may edit the ticket's fields now: the EDIT rule, nothing else. */
export function viewerCanEdit(ticket: TicketFacts, viewer: Viewer): boolean {
  return decide(ticket, 'EDIT', viewer).ok;
}

export type CreationRoute = { status: TicketStatus; reachedCreative: boolean; stamps: readonly TicketStamp[] };

/**
 * Where a new ticket starts. A Creative manager's own request needs no approval; a Creative member's skips
 * its department step (their department is Creative). Everyone else starts at the department step.
 */
export const CREATION_ROUTES: readonly { who: Party; route: CreationRoute }[] = [
  {
    who: CREATIVE_MANAGER,
    route: { status: 'APPROVED', reachedCreative: true, stamps: ['reachedCreativeAt', 'deptApprovedAt', 'creativeApprovedAt'] },
  },
  {
    who: party('a Creative department member', ROLES, (viewer) => viewer.inCreativeDepartment),
    route: { status: 'PENDING_CREATIVE', reachedCreative: true, stamps: ['reachedCreativeAt', 'deptApprovedAt'] },
  },
];

/** Where every other request starts. */
export const DEFAULT_ROUTE: CreationRoute = { status: 'REQUESTED', reachedCreative: false, stamps: [] };

export function creationRoute(requester: Viewer): CreationRoute {
  const ticket: TicketFacts = {
    status: 'REQUESTED',
    requesterId: requester.id,
    departmentId: requester.departmentId ?? '',
    assigneeId: null,
    collaboratorIds: [],
    reachedCreative: false,
    deleted: false,
  };
  return CREATION_ROUTES.find((entry) => entry.who.test(requester, ticket))?.route ?? DEFAULT_ROUTE;
}

/** A decided creation: the starting status from CREATION_ROUTES and what the commit records. */
export type Creation = {
  action: 'CREATE';
  from: null;
  to: TicketStatus;
  effects: Effects;
};

/** Anyone may request work; where the ticket starts is the route's decision. */
export function decideCreation(requester: Viewer): Creation {
  const route = creationRoute(requester);
  return { action: 'CREATE', from: null, to: route.status, effects: { history: 'CREATED', event: 'CREATED', stamps: route.stamps, write: 'INSERT' } };
}
