import { graphql } from '../gql';

export const ticketEventsSubscription = graphql(`
  subscription TicketEvents($afterEventId: String) {
    ticketEvents(afterEventId: $afterEventId) {
      eventId
      type
      at
      actor {
        id
        displayName
      }
      ticket {
        ...TicketSummary
      }
    }
  }
`);
