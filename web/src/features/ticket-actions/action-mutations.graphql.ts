// The mutations of the runnable ticket actions, one per row of the registry (action-rules.ts picks them by
// name). Apart from the other ticket documents so that only the runner (run-action.ts, loaded with the first
// action run) carries them: the registry reads them by name, which keeps every export of this module.
import { graphql } from '../../gql';

export const approveTicketMutation = graphql(`
  mutation ApproveTicket($input: ApproveTicketInput!) {
    approveTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const rejectTicketMutation = graphql(`
  mutation RejectTicket($input: RejectTicketInput!) {
    rejectTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const assignTicketMutation = graphql(`
  mutation AssignTicket($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const startTicketMutation = graphql(`
  mutation StartTicket($input: TicketActionInput!) {
    startTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const completeTicketMutation = graphql(`
  mutation CompleteTicket($input: CompleteTicketInput!) {
    completeTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const confirmTicketMutation = graphql(`
  mutation ConfirmTicket($input: TicketActionInput!) {
    confirmTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const requestRevisionMutation = graphql(`
  mutation RequestRevision($input: RequestRevisionInput!) {
    requestRevision(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const addCollaboratorMutation = graphql(`
  mutation AddCollaborator($input: CollaboratorInput!) {
    addCollaborator(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const deleteTicketMutation = graphql(`
  mutation DeleteTicket($input: DeleteTicketInput!) {
    deleteTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);

export const restoreTicketMutation = graphql(`
  mutation RestoreTicket($input: TicketActionInput!) {
    restoreTicket(input: $input) {
      ticket {
        ...TicketActionResult
      }
    }
  }
`);
