// The undo of an approval or a rejection (run-action.ts undoDecision). Apart from ticket-actions.graphql.ts, which
// the ticket page loads at once: these two load with the runner, on first use.
import { graphql } from '../../gql';

/** The two newest history entries: the decision to undo (it must be the viewer's) and the one to return to. */
export const latestHistoryQuery = graphql(`
  query LatestTicketHistory($id: ID!) {
    ticket(id: $id) {
      id
      history(first: 2) {
        nodes {
          id
          action
          actor {
            id
          }
        }
      }
    }
  }
`);

/** Undo of a decision: a rollback to the entry before it, answered like every other action. */
export const undoRollbackMutation = graphql(`
  mutation UndoDecision($input: RollbackTicketInput!) {
    rollbackTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);
