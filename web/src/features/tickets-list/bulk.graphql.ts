import { graphql } from '../../gql';

export const bulkOutcomeFragment = graphql(`
  fragment BulkOutcome on BulkTicketsPayload {
    changedCount
    refusedCount
    refused {
      ticketId
      code
      message
    }
  }
`);

export const bulkSetPriorityMutation = graphql(`
  mutation BulkSetTicketPriority($input: BulkSetTicketPriorityInput!) {
    bulkSetTicketPriority(input: $input) {
      ...BulkOutcome
    }
  }
`);

export const bulkAssignMutation = graphql(`
  mutation BulkAssignTickets($input: BulkAssignTicketsInput!) {
    bulkAssignTickets(input: $input) {
      ...BulkOutcome
    }
  }
`);

export const bulkDeleteMutation = graphql(`
  mutation BulkDeleteTickets($input: BulkDeleteTicketsInput!) {
    bulkDeleteTickets(input: $input) {
      ...BulkOutcome
    }
  }
`);
