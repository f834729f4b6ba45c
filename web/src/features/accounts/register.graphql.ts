import { graphql } from '../../gql';

/** The departments a new member can join (readable without signing in). */
export const registerDepartmentsQuery = graphql(`
  query RegisterDepartments {
    departments {
      id
      name
    }
  }
`);

export const registerMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...SessionFields
    }
  }
`);
