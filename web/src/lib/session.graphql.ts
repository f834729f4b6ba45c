import { graphql } from '../gql';

/**
 * What a new session carries: the access token, both expiries and who signed in. The refresh token is never
 * selected: it lives in the HttpOnly cookie the server sets, out of this script's reach.
 */
export const sessionFieldsFragment = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshTokenExpiresAt
    pendingApproval
    mustChangePassword
    user {
      id
      username
      displayName
      role
    }
  }
`);

export const refreshTokenMutation = graphql(`
  mutation RefreshToken {
    refreshToken {
      ...SessionFields
    }
  }
`);

export const logoutMutation = graphql(`
  mutation Logout {
    logout {
      success
    }
  }
`);
