import { graphql } from '../../gql';

export const adminDepartmentsQuery = graphql(`
  query AdminDepartments {
    departments {
      id
      name
      isCreative
      members {
        id
        displayName
        role
      }
    }
    users(first: 100, filter: { isActive: true, pendingApproval: false }) {
      nodes {
        id
        displayName
        username
      }
    }
  }
`);

export const createDepartmentMutation = graphql(`
  mutation CreateDepartment($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      department {
        id
        name
        isCreative
      }
    }
  }
`);

export const setDepartmentManagerMutation = graphql(`
  mutation SetDepartmentManager($input: SetDepartmentManagerInput!) {
    setDepartmentManager(input: $input) {
      user {
        id
        role
        department {
          id
        }
      }
    }
  }
`);
