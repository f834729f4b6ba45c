import { graphql } from '../../gql';

/**
 * What every action mutation reads back about the ticket. Graphcache normalizes Ticket and User by id, so
 * whatever view shows this ticket (board card, list row, workspace) updates from this one answer.
 */
export const ticketActionResultFragment = graphql(`
  fragment TicketActionResult on Ticket {
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
    rejectionReason
    actualHours
    deletedAt
    updatedAt
    availableActions
    viewerCanEdit
    department {
      id
      name
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

export const removeCollaboratorMutation = graphql(`
  mutation RemoveCollaborator($input: CollaboratorInput!) {
    removeCollaborator(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

/** Reloads a ticket after the server refused a stale write, so the next try carries the new version. */
export const reloadTicketQuery = graphql(`
  query ReloadTicket($id: ID!) {
    ticket(id: $id) {
      ...TicketActionResult
    }
  }
`);

/** The people work can go to: active members of the Creative department (managers included). */
export const creativeMembersQuery = graphql(`
  query CreativeMembers {
    departments {
      id
      name
      isCreative
      members {
        id
        username
        displayName
        role
      }
    }
  }
`);
