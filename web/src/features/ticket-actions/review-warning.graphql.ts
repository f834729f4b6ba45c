import { graphql } from '../../gql';

/** What completing leaves open: the open notes on each file version, and which versions have a decision. */
export const completeReviewStateQuery = graphql(`
  query CompleteReviewState($id: ID!) {
    ticket(id: $id) {
      id
      attachments {
        id
        fileName
        version
        annotations(state: OPEN) {
          id
        }
      }
      reviewDecisions {
        id
        attachment {
          id
        }
      }
    }
  }
`);
