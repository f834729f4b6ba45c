// The ticket action registry: for each action the web runs, its words, what its dialog asks, the mutation it
// sends and that mutation's input: one row per action in `ACTIONS`, nothing else to keep in step. Pure: the
// dialog renders from `inputs`, the runner (run-action.ts) sends `document` with `variables`, and the cache
// (lib/cache.ts) updates the lists after every mutation that answers `{ ticket }` (`TicketMutation`, from the
// generated `Mutation` type): a row can only send one of those.
import type { TypedDocumentNode } from '@urql/core';
import type { ApprovalStep, TicketAction, TicketStatus } from '../../gql/graphql';
import type { TicketMutation } from '../../lib/cache';
import type * as Documents from './action-mutations.graphql';

/**
 * Actions the web does not run from a button: the workspace has their editors (EDIT, COMMENT, ATTACH,
 * REMOVE_ATTACHMENT, ROLLBACK, REMOVE_COLLABORATOR) and PURGE is the trash page's. A TicketAction the schema
 * adds is in neither list and `ACTIONS` does not compile until it is placed.
 */
type EditorAction = 'EDIT' | 'COMMENT' | 'ATTACH' | 'REMOVE_ATTACHMENT' | 'ROLLBACK' | 'REMOVE_COLLABORATOR' | 'PURGE';

export type RunnableAction = Exclude<TicketAction, EditorAction>;

type Need = 'required' | 'optional';

/** Who takes a ticket out of the trash (the contract: managers and admins; a requester who deleted may not). */
export const WHO_RESTORES = 'A manager or an admin can restore it.';

/** The fields an action's dialog shows; an action without any runs at once, without a dialog. */
export type ActionInputs = {
  reason?: Need;
  note?: Need;
  person?: 'assignee' | 'collaborator';
  actualHours?: Need;
  /** A deadline to set with the action (assignment). */
  deadline?: Need;
  /** Collaborators to add with the action (assignment): a checklist of Creative members. */
  collaborators?: boolean;
  /** Asks "are you sure" in words: the action is hard to undo. */
  confirm?: string;
  /** Warns (without blocking) about the files with open notes or no review decision (completing). */
  reviewWarning?: boolean;
};

/**
 * What a person typed or picked in the dialog, as text (empty = not given); `dueDate` as a datetime-local
 * value (the viewer's time), `collaboratorIds` as the people ticked.
 */
export type ActionInput = { reason: string; note: string; personId: string; actualHours: string; dueDate: string; collaboratorIds: readonly string[] };

export const EMPTY_INPUT: ActionInput = { reason: '', note: '', personId: '', actualHours: '', dueDate: '', collaboratorIds: [] };

export type InputErrors = Partial<Record<keyof ActionInput, string>>;

/** The longest actual hours a ticket can plausibly take; beyond is a typo. */
const MAX_ACTUAL_HOURS = 10_000;

/** Who reads the reason decides what to ask for: a rejection goes to the requester, a revision to the makers. */
const MISSING_REASON: Partial<Record<RunnableAction, string>> = {
  REJECT: 'Say why, so the requester knows what to change.',
  REQUEST_REVISION: 'Say what to change, so the people doing the work know what to redo.',
};

/** Field by field, what keeps the action from being sent; empty when it can go. */
export function validateActionInput(action: RunnableAction, input: ActionInput, now = new Date()): InputErrors {
  const needs = ACTIONS[action].inputs;
  const errors: InputErrors = {};
  if (needs.reason === 'required' && input.reason.trim() === '') errors.reason = MISSING_REASON[action] ?? 'Say why.';
  if (needs.person && input.personId === '') errors.personId = `Pick the ${needs.person === 'assignee' ? 'person to assign' : 'collaborator'}.`;
  if (needs.actualHours && input.actualHours.trim() !== '') {
    const hours = Number(input.actualHours);
    if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_ACTUAL_HOURS) errors.actualHours = 'Enter the hours spent as a positive number, e.g. 2.5.';
  }
  if (needs.deadline && input.dueDate !== '') {
    const due = new Date(input.dueDate);
    if (Number.isNaN(due.getTime())) errors.dueDate = 'Choose a date and time.';
    else if (due.getTime() <= now.getTime()) errors.dueDate = 'The due date must be in the future.';
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

/** One row of the registry, as the runner and the views read it. */
export type ActionDef = {
  /** The verb on buttons, menus and dialog titles (the e2e tests find buttons by these names). */
  label: string;
  /** What the person reads once the action went through: the badge changing alone is easy to miss. */
  done: (ticketNumber: number) => string;
  inputs: ActionInputs;
  /** The mutation, picked from action-mutations.graphql (loaded with the first action run, not with every page). */
  document: (documents: typeof Documents) => TypedDocumentNode<unknown, { input: unknown }>;
  /** The mutation's input: always with `expectedVersion`, so a stale write is refused. */
  variables: (target: ActionTarget, input: ActionInput) => unknown;
};

/**
 * A row, checked where it is written: the document must be a mutation that answers `{ ticket }` and the
 * variables must be exactly that mutation's input type.
 */
function action<Data extends { [Field in keyof Data]: Field extends TicketMutation ? unknown : never }, Input>(row: {
  label: string;
  done: (ticketNumber: number) => string;
  inputs: ActionInputs;
  document: (documents: typeof Documents) => TypedDocumentNode<Data, { input: Input }>;
  variables: (target: ActionTarget, input: ActionInput) => NoInfer<Input>;
}): ActionDef {
  return row as ActionDef;
}

const base = (target: ActionTarget) => ({ id: target.id, expectedVersion: target.version });
const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim());

export const ACTIONS = {
  APPROVE: action({
    label: 'Approve',
    done: (n) => `Approved #${n}.`,
    inputs: { note: 'optional' },
    document: (documents) => documents.approveTicketMutation,
    // The step the viewer saw, so a repeated approval never approves the next step too.
    variables: (target, input) => ({ ...base(target), note: optionalText(input.note), step: approvalStepOf(target.status) }),
  }),
  REJECT: action({
    label: 'Reject',
    done: (n) => `Rejected #${n}; the requester is told why.`,
    inputs: { reason: 'required' },
    document: (documents) => documents.rejectTicketMutation,
    variables: (target, input) => ({ ...base(target), reason: input.reason.trim() }),
  }),
  ASSIGN: action({
    label: 'Assign',
    done: (n) => `Assigned #${n}.`,
    inputs: { person: 'assignee', deadline: 'optional', collaborators: true },
    document: (documents) => documents.assignTicketMutation,
    // One mutation, one change: the deadline and the collaborators go with the assignee (never the assignee twice).
    variables: (target, input) => {
      const collaboratorIds = input.collaboratorIds.filter((id) => id !== input.personId);
      return {
        ...base(target),
        assigneeId: input.personId,
        dueDate: input.dueDate === '' ? undefined : new Date(input.dueDate).toISOString(),
        collaboratorIds: collaboratorIds.length > 0 ? collaboratorIds : undefined,
      };
    },
  }),
  START: action({
    label: 'Start',
    done: (n) => `Started work on #${n}.`,
    inputs: {},
    document: (documents) => documents.startTicketMutation,
    variables: base,
  }),
  COMPLETE: action({
    label: 'Complete',
    done: (n) => `Completed #${n}; the requester is asked to confirm.`,
    inputs: { actualHours: 'optional', reviewWarning: true },
    document: (documents) => documents.completeTicketMutation,
    variables: (target, input) => ({ ...base(target), actualHours: input.actualHours.trim() === '' ? undefined : Number(input.actualHours) }),
  }),
  CONFIRM: action({
    label: 'Confirm',
    done: (n) => `Confirmed #${n}; it is closed.`,
    inputs: {},
    document: (documents) => documents.confirmTicketMutation,
    variables: base,
  }),
  REQUEST_REVISION: action({
    label: 'Request revision',
    done: (n) => `Sent #${n} back for revision.`,
    inputs: { reason: 'required' },
    document: (documents) => documents.requestRevisionMutation,
    variables: (target, input) => ({ ...base(target), reason: input.reason.trim() }),
  }),
  ADD_COLLABORATOR: action({
    label: 'Add collaborator',
    done: (n) => `Added a collaborator to #${n}.`,
    inputs: { person: 'collaborator' },
    document: (documents) => documents.addCollaboratorMutation,
    variables: (target, input) => ({ ...base(target), userId: input.personId }),
  }),
  DELETE: action({
    label: 'Delete',
    done: (n) => `Moved #${n} to the trash.`,
    inputs: { reason: 'optional', confirm: `The ticket moves to the trash. ${WHO_RESTORES}` },
    document: (documents) => documents.deleteTicketMutation,
    variables: (target, input) => ({ ...base(target), reason: optionalText(input.reason) }),
  }),
  RESTORE: action({
    label: 'Restore',
    done: (n) => `Restored #${n}.`,
    inputs: {},
    document: (documents) => documents.restoreTicketMutation,
    variables: base,
  }),
} satisfies Record<RunnableAction, ActionDef>;

export function isRunnableAction(action: TicketAction): action is RunnableAction {
  return Object.hasOwn(ACTIONS, action);
}

/** Whether running the action first needs a dialog. */
export function needsDialog(action: RunnableAction): boolean {
  return Object.keys(ACTIONS[action].inputs).length > 0;
}

/** The mutation input for the action (see each row's `variables`). */
export function actionVariables(action: RunnableAction, target: ActionTarget, input: ActionInput): unknown {
  return ACTIONS[action].variables(target, input);
}
