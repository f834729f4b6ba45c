import { graphql } from '../../gql';

export const ticketsListQuery = graphql(`
  query TicketsList($first: Int, $after: String, $last: Int, $before: String, $filter: TicketFilter, $orderBy: TicketOrder) {
    tickets(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...TicketSummary
      }
    }
  }
`);

export const myTasksListQuery = graphql(`
  query MyTasksList($first: Int, $after: String, $last: Int, $before: String) {
    myTasks(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...TicketSummary
      }
    }
  }
`);
