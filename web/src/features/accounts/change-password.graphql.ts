import { graphql } from '../../gql';

/** The session a password change starts (every other session of the user ended). */
export const changedPasswordSessionFragment = graphql(`
  fragment ChangedPasswordSession on ChangePasswordPayload {
    accessToken
    accessTokenExpiresAt
    refreshTokenExpiresAt
    user {
      id
      username
      displayName
      role
    }
  }
`);

export const changePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      ...ChangedPasswordSession
    }
  }
`);
