import { graphql } from '../../gql';

/** Each Creative member's open work, shown beside their name when choosing who takes a ticket. */
export const teamWorkloadQuery = graphql(`
  query TeamWorkload {
    teamWorkload {
      user {
        id
      }
      inProgress
      queued
      overdue
      dueSoon
    }
  }
`);
