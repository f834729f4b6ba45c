import { graphql } from '../../gql';

export const trashQuery = graphql(`
  query Trash($first: Int, $after: String) {
    viewer {
      id
      role
    }
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
