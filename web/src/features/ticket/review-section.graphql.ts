import { graphql } from '../../gql';

/** Each reviewer's latest decision on the latest version of each of the ticket's files (the proof view's fields). */
export const ticketReviewQuery = graphql(`
  query TicketReview($id: ID!) {
    ticket(id: $id) {
      id
      reviewDecisions {
        ...ReviewDecisionFields
      }
    }
  }
`);
