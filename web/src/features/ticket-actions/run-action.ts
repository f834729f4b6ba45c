// Sends the mutation an action means, as its row in the registry (action-rules.ts) says. Loaded with the first
// action run: the documents it imports are not part of any page's first load.
import type { Client, OperationResult } from '@urql/core';
import { getFragmentData } from '../../gql';
import * as documents from './action-mutations.graphql';
import { ACTIONS, type ActionInput, type ActionTarget, type RunnableAction } from './action-rules';
import { reloadTicketQuery, ticketActionResultFragment } from './ticket-actions.graphql';

// Refusals are explained from here, so their words load with the runner, not with every page.
export { explainTicketError } from '../../lib/ticket-refusals';

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
