import { graphql } from '../../gql';

/** Service accounts, the departments to put one in, and every token an admin sees (service accounts' among them). */
export const serviceAccountsQuery = graphql(`
  query ServiceAccounts {
    users(first: 100, filter: { kind: [SERVICE] }) {
      totalCount
      nodes {
        id
        username
        displayName
        role
        isActive
        createdAt
        department {
          id
          name
        }
      }
    }
    departments {
      id
      name
    }
    apiTokens {
      ...ApiTokenFields
    }
  }
`);

export const createServiceAccountMutation = graphql(`
  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {
    createServiceAccount(input: $input) {
      user {
        id
        username
        displayName
      }
    }
  }
`);
