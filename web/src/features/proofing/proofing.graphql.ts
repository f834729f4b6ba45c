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

/** One file version: every version of its name, and its annotations with their threads. */
export const proofFileQuery = graphql(`
  query ProofFile($id: ID!) {
    node(id: $id) {
      id
      ... on Attachment {
        versions {
          id
          fileName
          mimeType
          version
          width
          height
          url
        }
        annotations {
          id
          number
          page
          shape
          x
          y
          width
          height
          points
          state
          viewerCanResolve
          resolvedBy {
            id
            displayName
          }
          comment {
            id
            body
            createdAt
            author {
              id
              username
              displayName
            }
            replies {
              id
              body
              createdAt
              author {
                id
                username
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

export const addAnnotationMutation = graphql(`
  mutation AddAnnotation($input: AddAnnotationInput!) {
    addAnnotation(input: $input) {
      annotation {
        id
        number
      }
    }
  }
`);

export const resolveAnnotationMutation = graphql(`
  mutation ResolveAnnotation($input: ResolveAnnotationInput!) {
    resolveAnnotation(input: $input) {
      annotation {
        id
        state
      }
    }
  }
`);

export const reopenAnnotationMutation = graphql(`
  mutation ReopenAnnotation($input: ReopenAnnotationInput!) {
    reopenAnnotation(input: $input) {
      annotation {
        id
        state
      }
    }
  }
`);

export const replyOnAnnotationMutation = graphql(`
  mutation ReplyOnAnnotation($input: AddCommentInput!) {
    addComment(input: $input) {
      comment {
        id
      }
    }
  }
`);
