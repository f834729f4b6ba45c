import { graphql } from '../../gql';

/** The open annotations of a file version (the one before the version shown), with the first comment of each. */
export const carriedOverQuery = graphql(`
  query CarriedOverAnnotations($id: ID!) {
    node(id: $id) {
      id
      ... on Attachment {
        version
        annotations(state: OPEN) {
          id
          number
          page
          shape
          x
          y
          width
          height
          points
          viewerCanResolve
          comment {
            id
            body
            author {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);
