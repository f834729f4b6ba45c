import { graphql } from '../../gql';

export const apiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    prefix
    scopes
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
    owner {
      id
      kind
    }
  }
`);

/** The viewer's own tokens (an admin's list also holds every service account's: filtered by owner on the page). */
export const apiTokensQuery = graphql(`
  query ApiTokens {
    viewer {
      id
      role
    }
    apiTokens {
      ...ApiTokenFields
    }
  }
`);

export const createApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        ...ApiTokenFields
      }
    }
  }
`);

export const revokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      apiToken {
        ...ApiTokenFields
      }
    }
  }
`);
