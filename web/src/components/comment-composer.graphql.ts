import { graphql } from '../gql';

/** People to @mention: those who may read the ticket (whom a mention notifies), matching what follows the @. */
export const mentionCandidatesQuery = graphql(`
  query MentionCandidates($id: ID!, $search: String) {
    ticket(id: $id) {
      id
      mentionableUsers(search: $search, first: 8) {
        id
        username
        displayName
      }
    }
  }
`);
