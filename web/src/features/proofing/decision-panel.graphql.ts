import { graphql } from '../../gql';

const reviewDecisionFields = graphql(`
  fragment ReviewDecisionFields on ReviewDecision {
    id
    verdict
    note
    createdAt
    reviewer {
      id
      displayName
    }
    attachment {
      id
      fileName
      version
    }
  }
`);

/** Each reviewer's latest decision on the latest version of each file, and the ticket's status. */
export const reviewDecisionsQuery = graphql(`
  query ReviewDecisions($id: ID!) {
    ticket(id: $id) {
      id
      status
      reviewDecisions {
        ...ReviewDecisionFields
      }
    }
  }
`);

export const recordReviewDecisionMutation = graphql(`
  mutation RecordReviewDecision($input: RecordReviewDecisionInput!) {
    recordReviewDecision(input: $input) {
      decision {
        ...ReviewDecisionFields
      }
      ticket {
        id
        status
        version
        availableActions
      }
    }
  }
`);

export { reviewDecisionFields };
