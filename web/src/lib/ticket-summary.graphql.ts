import { graphql } from '../gql';

/**
 * A ticket as boards, lists and the event stream show it. The event stream asks for the same fields the
 * views read, so an event updates the cached ticket whole and no view has to fetch it again.
 */
export const ticketSummaryFragment = graphql(`
  fragment TicketSummary on Ticket {
    id
    number
    title
    status
    priority
    requestType
    dueDate
    isOverdue
    version
    revisionCount
    commentCount
    deletedAt
    createdAt
    updatedAt
    availableActions
    availableTransitions {
      action
      to
    }
    department {
      id
      name
    }
    requester {
      id
      displayName
    }
    assignee {
      id
      displayName
    }
    collaborators {
      id
      displayName
    }
  }
`);
