// Sends the mutation an action means, as its row in the registry (action-rules.ts) says. Loaded with the first
// action run: the documents it imports are not part of any page's first load.
import type { Client, OperationResult } from '@urql/core';
import { getFragmentData } from '../../gql';
import { explainTicketError } from '../../lib/ticket-refusals';
import * as documents from './action-mutations.graphql';
import { ACTIONS, type ActionInput, type ActionTarget, type RunnableAction } from './action-rules';
import { reloadTicketQuery, ticketActionResultFragment } from './ticket-actions.graphql';
import { latestHistoryQuery, undoRollbackMutation } from './undo-decision.graphql';

// Refusals are explained from here, so their words load with the runner, not with every page.
export { explainTicketError };

export function runActionMutation(client: Client, action: RunnableAction, target: ActionTarget, input: ActionInput): Promise<OperationResult> {
  const row = ACTIONS[action];
  return client.mutation(row.document(documents), { input: row.variables(target, input) }).toPromise();
}

/** Fetches the ticket anew (the cache then updates every view of it); resolves with its new version. */
export async function reloadTicket(client: Client, id: string): Promise<number | undefined> {
  const result = await client.query(reloadTicketQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
  const ticket = result.data?.ticket;
  return ticket ? getFragmentData(ticketActionResultFragment, ticket).version : undefined;
}

/** The history entry each undoable decision writes. */
const DECISION_ENTRY = { APPROVE: 'APPROVED', REJECT: 'REJECTED' } as const;

/** How long an approval or a rejection can be taken back from its toast (the toast's own time with an action). */
export const UNDO_DECISION_MS = 10_000;

export type UndoableDecision = keyof typeof DECISION_ENTRY;

/**
 * Takes back the viewer's approval or rejection made at `madeAt`, for UNDO_DECISION_MS: a rollback to the history
 * entry before it (a rollback entry, not an erasure), sent with the version the decision left so that anyone's
 * later change wins, and only while the newest entry is still this person's decision. Later, the history's
 * "Roll back to here" is the way. Resolves with what to tell the person.
 */
export async function undoDecision(
  client: Client,
  ticket: ActionTarget & { number: number },
  decision: UndoableDecision,
  viewerId: string | undefined,
  madeAt: number,
  now = Date.now(),
): Promise<{ done: boolean; message: string }> {
  const what = decision === 'APPROVE' ? 'approval' : 'rejection';
  const failed = (reason: string) => ({ done: false, message: `Undo #${ticket.number}: ${reason}` });
  if (now - madeAt > UNDO_DECISION_MS) return failed(`too late to undo the ${what} here; roll it back from the ticket's history.`);
  const latest = await client.query(latestHistoryQuery, { id: ticket.id }, { requestPolicy: 'network-only' }).toPromise();
  if (latest.error) return failed(explainTicketError(latest.error).message);
  const [made, before] = latest.data?.ticket?.history.nodes ?? [];
  if (!made || !before || made.action !== DECISION_ENTRY[decision] || made.actor?.id !== viewerId) {
    return failed('the ticket changed since; undo it from its history instead.');
  }
  const verb = decision === 'APPROVE' ? 'approved' : 'rejected';
  const result = await client
    .mutation(undoRollbackMutation, {
      input: { id: ticket.id, expectedVersion: ticket.version, historyEntryId: before.id, reason: `Undo: ${verb} by mistake` },
    })
    .toPromise();
  if (result.error) return failed(explainTicketError(result.error).message);
  return { done: true, message: `Undid the ${what} of #${ticket.number}.` };
}
