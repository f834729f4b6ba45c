import { graphql } from '../../gql';

/** The palette's results: tickets the viewer may read and people, best first (Query.search). */
export const paletteSearchQuery = graphql(`
  query PaletteSearch($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      score
      snippet
      ticket {
        id
        number
        title
        status
      }
      user {
        id
        username
        displayName
        department {
          id
          name
        }
      }
    }
  }
`);

/**
 * The open ticket, by its number (the page's URL), with what the viewer may do to it now: the palette offers
 * the same actions as the ticket page's bar. Found through the list's `#number` search, as the page finds it.
 */
export const paletteOpenTicketQuery = graphql(`
  query PaletteOpenTicket($search: String!) {
    tickets(filter: { search: $search }, first: 20) {
      nodes {
        id
        number
        title
        status
        version
        availableActions
      }
    }
  }
`);
