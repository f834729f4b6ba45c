import { graphql } from '../../gql';

/** Who is looking (a manager sees their own department) and the departments to pick from. */
export const usersContextQuery = graphql(`
  query UsersContext {
    viewer {
      id
      role
      department {
        id
        name
      }
    }
    departments {
      id
      name
    }
  }
`);

export const adminUserFragment = graphql(`
  fragment AdminUser on User {
    id
    username
    displayName
    email
    role
    isActive
    pendingApproval
    mustChangePassword
    createdAt
    department {
      id
      name
    }
  }
`);

export const adminUsersQuery = graphql(`
  query AdminUsers($filter: UserFilter, $first: Int) {
    users(first: $first, filter: $filter) {
      totalCount
      nodes {
        ...AdminUser
      }
    }
  }
`);

export const approveUserMutation = graphql(`
  mutation ApproveUser($input: ApproveUserInput!) {
    approveUser(input: $input) {
      user {
        ...AdminUser
      }
    }
  }
`);

export const declineRegistrationMutation = graphql(`
  mutation DeclineRegistration($input: DeclineRegistrationInput!) {
    declineRegistration(input: $input) {
      declinedUserId
      username
    }
  }
`);

export const createUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      temporaryPassword
      user {
        ...AdminUser
      }
    }
  }
`);

export const updateUserMutation = graphql(`
  mutation UpdateUserAdmin($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        ...AdminUser
      }
    }
  }
`);

export const resetUserPasswordMutation = graphql(`
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input) {
      temporaryPassword
      user {
        ...AdminUser
      }
    }
  }
`);
