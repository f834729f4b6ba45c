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
        thumbnail {
          url
          fileName
        }
      }
    }
  }
`);

/** One side of the viewer's work (open or done), a page of it; and how many tickets the other side holds. */
export const myTasksListQuery = graphql(`
  query MyTasksList($first: Int, $after: String, $last: Int, $before: String, $open: Boolean!, $otherSide: Boolean!) {
    other: myTasks(first: 1, open: $otherSide) {
      totalCount
    }
    myTasks(first: $first, after: $after, last: $last, before: $before, open: $open) {
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
