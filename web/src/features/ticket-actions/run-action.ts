// Sends the mutation an action means: the one place that maps a TicketAction to its mutation document.
import type { Client, OperationResult, TypedDocumentNode } from '@urql/core';
import { getFragmentData } from '../../gql';
import type {
  ApproveTicketInput,
  AssignTicketInput,
  CollaboratorInput,
  CompleteTicketInput,
  DeleteTicketInput,
  RejectTicketInput,
  RequestRevisionInput,
  TicketActionInput,
} from '../../gql/graphql';
import { type ActionInput, type ActionTarget, actionVariables, type RunnableAction } from './action-rules';
import {
  addCollaboratorMutation,
  approveTicketMutation,
  assignTicketMutation,
  completeTicketMutation,
  confirmTicketMutation,
  deleteTicketMutation,
  rejectTicketMutation,
  reloadTicketQuery,
  requestRevisionMutation,
  restoreTicketMutation,
  startTicketMutation,
  ticketActionResultFragment,
} from './ticket-actions.graphql';

export function runActionMutation(client: Client, action: RunnableAction, target: ActionTarget, input: ActionInput): Promise<OperationResult> {
  const send = <Data, Input>(document: TypedDocumentNode<Data, { input: Input }>) =>
    client.mutation(document, { input: actionVariables(action, target, input) as Input }).toPromise() as Promise<OperationResult>;
  switch (action) {
    case 'APPROVE':
      return send<unknown, ApproveTicketInput>(approveTicketMutation);
    case 'REJECT':
      return send<unknown, RejectTicketInput>(rejectTicketMutation);
    case 'REQUEST_REVISION':
      return send<unknown, RequestRevisionInput>(requestRevisionMutation);
    case 'ASSIGN':
      return send<unknown, AssignTicketInput>(assignTicketMutation);
    case 'ADD_COLLABORATOR':
      return send<unknown, CollaboratorInput>(addCollaboratorMutation);
    case 'COMPLETE':
      return send<unknown, CompleteTicketInput>(completeTicketMutation);
    case 'DELETE':
      return send<unknown, DeleteTicketInput>(deleteTicketMutation);
    case 'START':
      return send<unknown, TicketActionInput>(startTicketMutation);
    case 'CONFIRM':
      return send<unknown, TicketActionInput>(confirmTicketMutation);
    case 'RESTORE':
      return send<unknown, TicketActionInput>(restoreTicketMutation);
  }
}

/** Fetches the ticket anew (the cache then updates every view of it); resolves with its new version. */
export async function reloadTicket(client: Client, id: string): Promise<number | undefined> {
  const result = await client.query(reloadTicketQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
  const ticket = result.data?.ticket;
  return ticket ? getFragmentData(ticketActionResultFragment, ticket).version : undefined;
}
