import { graphql } from '../../gql';

export const activityLogQuery = graphql(`
  query ActivityLog($first: Int, $after: String, $filter: ActivityFilter) {
    activityLog(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        action
        summary
        createdAt
        actor {
          id
          displayName
          username
        }
        ticket {
          id
          number
          title
        }
      }
    }
  }
`);

/** The people to filter by. */
export const activityPeopleQuery = graphql(`
  query ActivityPeople {
    users(first: 100, filter: { pendingApproval: false }) {
      nodes {
        id
        displayName
        username
      }
    }
  }
`);

/** The ticket a number names, among those the viewer may read (the search matches "#123" by number). */
export const activityTicketQuery = graphql(`
  query ActivityTicket($search: String!) {
    tickets(first: 5, filter: { search: $search }) {
      nodes {
        id
        number
        title
      }
    }
  }
`);
