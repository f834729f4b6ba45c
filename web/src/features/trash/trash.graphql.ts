import { graphql } from '../../gql';

export const trashQuery = graphql(`
  query Trash($first: Int, $after: String) {
    trash(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        title
        status
        availableActions
        deletedAt
        deletedBy {
          id
          displayName
        }
        department {
          id
          name
        }
      }
    }
  }
`);

export const purgeTicketMutation = graphql(`
  mutation PurgeTicket($input: PurgeTicketInput!) {
    purgeTicket(input: $input) {
      purgedTicketId
      purgedTicketNumber
    }
  }
`);

/** Its own document (not the ticket actions' one), so this page shares no chunk with the board's. */
export const restoreFromTrashMutation = graphql(`
  mutation RestoreFromTrash($input: TicketActionInput!) {
    restoreTicket(input: $input) {
      ticket {
        ...TicketSummary
      }
    }
  }
`);
