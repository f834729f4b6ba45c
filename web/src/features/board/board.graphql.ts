import { graphql } from '../../gql';

/**
 * Every column in one request: the newest cards of each status (never the whole table) and each column's
 * total, for its "more" link. Each alias is its own cached list, so an event re-queries only when a ticket
 * enters or leaves a column.
 */
export const boardQuery = graphql(`
  query Board(
    $first: Int!
    $order: TicketOrder!
    $requested: TicketFilter!
    $pendingCreative: TicketFilter!
    $approved: TicketFilter!
    $inProgress: TicketFilter!
    $completed: TicketFilter!
    $closed: TicketFilter!
    $rejected: TicketFilter!
  ) {
    requested: tickets(first: $first, filter: $requested, orderBy: $order) {
      totalCount
      nodes {
        ...TicketSummary
        thumbnail {
          url
          fileName
        }
      }
    }
    pendingCreative: tickets(first: $first, filter: $pendingCreative, orderBy: $order) {
      totalCount
      nodes {
        ...TicketSummary
        thumbnail {
          url
          fileName
        }
      }
    }
    approved: tickets(first: $first, filter: $approved, orderBy: $order) {
      totalCount
      nodes {
        ...TicketSummary
        thumbnail {
          url
          fileName
        }
      }
    }
    inProgress: tickets(first: $first, filter: $inProgress, orderBy: $order) {
      totalCount
      nodes {
        ...TicketSummary
        thumbnail {
          url
          fileName
        }
      }
    }
    completed: tickets(first: $first, filter: $completed, orderBy: $order) {
      totalCount
      nodes {
        ...TicketSummary
        thumbnail {
          url
          fileName
        }
      }
    }
    closed: tickets(first: $first, filter: $closed, orderBy: $order) {
      totalCount
      nodes {
        ...TicketSummary
        thumbnail {
          url
          fileName
        }
      }
    }
    rejected: tickets(first: $first, filter: $rejected, orderBy: $order) {
      totalCount
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
