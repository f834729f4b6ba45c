import { graphql } from '../../gql';

/** The ticket with a number (a search for `#<number>` also finds titles that mention it: the page keeps the exact one). */
export const proofTicketLookupQuery = graphql(`
  query ProofTicketLookup($search: String!) {
    tickets(filter: { search: $search }, first: 20) {
      nodes {
        id
        number
      }
    }
  }
`);

/** The ticket of the proof view and its files (the versions of the one shown are picked from them). */
export const proofTicketQuery = graphql(`
  query ProofTicket($id: ID!) {
    ticket(id: $id) {
      id
      number
      title
      availableActions
      attachments {
        id
        fileName
        mimeType
        version
        width
        height
        url
      }
    }
  }
`);
