// What each runnable ticket action asks of the person before it can be sent, and how their answers become
// the mutation's input. Pure: the dialog renders from `ACTION_INPUTS`, and `validateActionInput` /
// `actionVariables` are the only places the rules live (tested in action-rules.test.ts).
import type { ApprovalStep, TicketAction, TicketStatus } from '../../gql/graphql';

/** Actions this module runs. EDIT, COMMENT, ATTACH and ROLLBACK need their own editors (the workspace's). */
export const RUNNABLE_ACTIONS = [
  'APPROVE',
  'REJECT',
  'ASSIGN',
  'START',
  'COMPLETE',
  'CONFIRM',
  'REQUEST_REVISION',
  'ADD_COLLABORATOR',
  'DELETE',
  'RESTORE',
] as const satisfies readonly TicketAction[];

export type RunnableAction = (typeof RUNNABLE_ACTIONS)[number];

/** The verb on buttons, menus and dialog titles (the e2e tests find buttons by these names). */
export const ACTION_LABELS: Record<RunnableAction, string> = {
  APPROVE: 'Approve',
  REJECT: 'Reject',
  ASSIGN: 'Assign',
  START: 'Start',
  COMPLETE: 'Complete',
  CONFIRM: 'Confirm',
  REQUEST_REVISION: 'Request revision',
  ADD_COLLABORATOR: 'Add collaborator',
  DELETE: 'Delete',
  RESTORE: 'Restore',
};

/** What the person reads once an action went through: the badge changing alone is easy to miss. */
export const ACTION_DONE: Record<RunnableAction, (ticketNumber: number) => string> = {
  APPROVE: (n) => `Approved #${n}.`,
  REJECT: (n) => `Rejected #${n}; the requester is told why.`,
  ASSIGN: (n) => `Assigned #${n}.`,
  START: (n) => `Started work on #${n}.`,
  COMPLETE: (n) => `Completed #${n}; the requester is asked to confirm.`,
  CONFIRM: (n) => `Confirmed #${n}; it is closed.`,
  REQUEST_REVISION: (n) => `Sent #${n} back for revision.`,
  ADD_COLLABORATOR: (n) => `Added a collaborator to #${n}.`,
  DELETE: (n) => `Moved #${n} to the trash.`,
  RESTORE: (n) => `Restored #${n}.`,
};

export function isRunnableAction(action: TicketAction): action is RunnableAction {
  return (RUNNABLE_ACTIONS as readonly TicketAction[]).includes(action);
}

type Need = 'required' | 'optional';

/** The fields an action's dialog shows; an action without any runs at once, without a dialog. */
export type ActionInputs = {
  reason?: Need;
  note?: Need;
  person?: 'assignee' | 'collaborator';
  actualHours?: Need;
  /** Asks "are you sure" in words: the action is hard to undo. */
  confirm?: string;
};

export const ACTION_INPUTS: Record<RunnableAction, ActionInputs> = {
  APPROVE: { note: 'optional' },
  REJECT: { reason: 'required' },
  ASSIGN: { person: 'assignee' },
  START: {},
  COMPLETE: { actualHours: 'optional' },
  CONFIRM: {},
  REQUEST_REVISION: { reason: 'required' },
  ADD_COLLABORATOR: { person: 'collaborator' },
  DELETE: { reason: 'optional', confirm: 'The ticket moves to the trash. A manager or an admin can restore it.' },
  RESTORE: {},
};

/** Whether running the action first needs a dialog. */
export function needsDialog(action: RunnableAction): boolean {
  return Object.keys(ACTION_INPUTS[action]).length > 0;
}

/** What a person typed or picked in the dialog, as text (empty = not given). */
export type ActionInput = { reason: string; note: string; personId: string; actualHours: string };

export const EMPTY_INPUT: ActionInput = { reason: '', note: '', personId: '', actualHours: '' };

export type InputErrors = Partial<Record<keyof ActionInput, string>>;

/** The longest actual hours a ticket can plausibly take; beyond is a typo. */
const MAX_ACTUAL_HOURS = 10_000;

/** Who reads the reason decides what to ask for: a rejection goes to the requester, a revision to the makers. */
const MISSING_REASON: Partial<Record<RunnableAction, string>> = {
  REJECT: 'Say why, so the requester knows what to change.',
  REQUEST_REVISION: 'Say what to change, so the people doing the work know what to redo.',
};

/** Field by field, what keeps the action from being sent; empty when it can go. */
export function validateActionInput(action: RunnableAction, input: ActionInput): InputErrors {
  const needs = ACTION_INPUTS[action];
  const errors: InputErrors = {};
  if (needs.reason === 'required' && input.reason.trim() === '') errors.reason = MISSING_REASON[action] ?? 'Say why.';
  if (needs.person && input.personId === '') errors.personId = `Pick the ${needs.person === 'assignee' ? 'person to assign' : 'collaborator'}.`;
  if (needs.actualHours && input.actualHours.trim() !== '') {
    const hours = Number(input.actualHours);
    if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_ACTUAL_HOURS) errors.actualHours = 'Enter the hours spent as a positive number, e.g. 2.5.';
  }
  return errors;
}

/** The ticket as the viewer saw it: its version, and its status when known (which approval step to send). */
export type ActionTarget = { id: string; version: number; status?: TicketStatus };

/** The approval step a ticket in this status waits for. */
function approvalStepOf(status: TicketStatus | undefined): ApprovalStep | undefined {
  if (status === 'REQUESTED') return 'DEPARTMENT';
  if (status === 'PENDING_CREATIVE') return 'CREATIVE';
  return undefined;
}

/**
 * The mutation input for the action: always with `expectedVersion`, so a stale write is refused, and an
 * approval names the step the viewer saw, so it never approves another.
 */
export function actionVariables(action: RunnableAction, target: ActionTarget, input: ActionInput) {
  const base = { id: target.id, expectedVersion: target.version };
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  switch (action) {
    case 'APPROVE':
      return { ...base, note: text(input.note), step: approvalStepOf(target.status) };
    case 'REJECT':
    case 'REQUEST_REVISION':
      return { ...base, reason: input.reason.trim() };
    case 'ASSIGN':
      return { ...base, assigneeId: input.personId };
    case 'ADD_COLLABORATOR':
      return { ...base, userId: input.personId };
    case 'COMPLETE':
      return { ...base, actualHours: input.actualHours.trim() === '' ? undefined : Number(input.actualHours) };
    case 'DELETE':
      return { ...base, reason: text(input.reason) };
    case 'START':
    case 'CONFIRM':
    case 'RESTORE':
      return base;
  }
}

/**
 * The refusal in words a person understands, by `extensions.code`; `reload` says the ticket changed or
 * moved on, so the view should fetch it again before another try.
 */
export function explainRefusal(code: string | undefined, serverMessage: string | undefined): { message: string; reload: boolean } {
  switch (code) {
    case 'CONFLICT':
      return { message: 'Someone changed this ticket meanwhile; it has been reloaded. Check it and try again — what you typed is kept.', reload: true };
    case 'INVALID_TRANSITION':
      return { message: 'This step is no longer possible: the ticket has moved on. It has been reloaded.', reload: true };
    case 'FORBIDDEN':
      return { message: 'You are not allowed to do this on this ticket.', reload: true };
    case 'NOT_FOUND':
      return { message: 'This ticket no longer exists, or you can no longer see it.', reload: false };
    case 'UNAUTHENTICATED':
      return { message: 'Your session ended. Sign in again to continue.', reload: false };
    case 'RATE_LIMITED':
      return { message: 'Too many requests at once. Wait a moment and try again.', reload: false };
    case 'BAD_USER_INPUT':
      return { message: serverMessage ?? 'Some of what was entered is not valid.', reload: false };
    default:
      return { message: serverMessage ?? 'Something went wrong on our side. Please try again.', reload: false };
  }
}
