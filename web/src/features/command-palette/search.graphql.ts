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
