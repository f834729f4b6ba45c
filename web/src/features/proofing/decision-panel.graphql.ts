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

/**
 * Each reviewer's latest decision on the latest version of each file, the ticket's status, and the open
 * annotations of the version decided on (what a request for changes lists).
 */
export const reviewDecisionsQuery = graphql(`
  query ReviewDecisions($id: ID!, $attachmentId: ID!) {
    ticket(id: $id) {
      id
      status
      reviewDecisions {
        ...ReviewDecisionFields
      }
    }
    decidedFile: node(id: $attachmentId) {
      id
      ... on Attachment {
        viewerCanDecide
        annotations(state: OPEN) {
          id
        }
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
