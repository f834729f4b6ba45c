import { graphql } from '../../gql';

/**
 * The tickets waiting for the viewer's approval or rejection, oldest request first, and how many there are
 * (null: the workflow lets the viewer approve nothing, and the section stays hidden).
 */
export const approvalQueueQuery = graphql(`
  query ApprovalQueue($first: Int!) {
    dashboardStats {
      awaitingMyApproval
    }
    tickets(first: $first, filter: { awaitingMyApproval: true }, orderBy: { field: CREATED_AT, direction: ASC }) {
      nodes {
        ...TicketSummary
      }
    }
  }
`);
