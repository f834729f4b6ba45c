import { graphql } from '../../gql';

/** Finds a ticket's id from its human number (the search also matches titles: the page keeps the exact number). */
export const ticketNumberLookupQuery = graphql(`
  query TicketNumberLookup($search: String!) {
    tickets(filter: { search: $search }, first: 20) {
      nodes {
        id
        number
      }
    }
  }
`);

/** Every field of the creative request the workspace shows and edits. */
export const ticketWorkspaceFieldsFragment = graphql(`
  fragment TicketWorkspaceFields on Ticket {
    id
    number
    title
    description
    status
    priority
    requestType
    fileFormat
    criteria
    quantity
    complexity
    estimatedHours
    actualHours
    scheduledStart
    scheduledEnd
    dueDate
    isOverdue
    revisionCount
    rejectionReason
    version
    viewerCanEdit
    availableActions
    createdAt
    updatedAt
    assignedAt
    startedAt
    completedAt
    closedAt
    deletedAt
    requester {
      id
      username
      displayName
    }
    department {
      id
      name
    }
    assignee {
      id
      username
      displayName
    }
    collaborators {
      id
      username
      displayName
    }
    productItems {
      quantity
      criteria
      product {
        id
        name
      }
    }
  }
`);

export const ticketWorkspaceQuery = graphql(`
  query TicketWorkspace($id: ID!) {
    ticket(id: $id) {
      ...TicketWorkspaceFields
    }
  }
`);

export const updateTicketMutation = graphql(`
  mutation UpdateTicketFields($input: UpdateTicketInput!) {
    updateTicket(input: $input) {
      ticket {
        ...TicketWorkspaceFields
      }
    }
  }
`);

/**
 * Top-level comments with their replies (replies to a reply join the same thread). Not the connection's totalCount
 * (threads) beside commentCount (every comment): two counts of one relation cannot share Prisma's `_count`, and
 * asking both cost the page a second statement.
 */
export const ticketCommentsQuery = graphql(`
  query TicketComments($id: ID!) {
    ticket(id: $id) {
      id
      number
      commentCount
      comments(first: 40) {
        nodes {
          id
          body
          createdAt
          author {
            id
            username
            displayName
          }
          annotation {
            id
            number
            state
            attachment {
              id
              fileName
              version
            }
          }
          replies {
            id
            body
            createdAt
            author {
              id
              username
              displayName
            }
          }
        }
      }
    }
  }
`);

export const addCommentMutation = graphql(`
  mutation AddTicketComment($input: AddCommentInput!) {
    addComment(input: $input) {
      comment {
        id
      }
    }
  }
`);

export const ticketHistoryQuery = graphql(`
  query TicketHistory($id: ID!) {
    ticket(id: $id) {
      id
      history(first: 100) {
        totalCount
        nodes {
          id
          action
          createdAt
          fromStatus
          toStatus
          reason
          version
          actor {
            id
            displayName
          }
          changes {
            field
            from
            to
          }
        }
      }
    }
  }
`);

export const rollbackTicketMutation = graphql(`
  mutation RollbackTicket($input: RollbackTicketInput!) {
    rollbackTicket(input: $input) {
      ticket {
        ...TicketWorkspaceFields
      }
    }
  }
`);
