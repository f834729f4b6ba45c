import { graphql } from '../gql';

/** What a new session carries: both tokens, their expiries and who signed in. */
export const sessionFieldsFragment = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
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
  mutation RefreshToken($input: RefreshTokenInput!) {
    refreshToken(input: $input) {
      ...SessionFields
    }
  }
`);

export const logoutMutation = graphql(`
  mutation Logout($input: LogoutInput!) {
    logout(input: $input) {
      success
    }
  }
`);
