import { graphql } from '../gql';

export const homeQuery = graphql(`
  query Home {
    viewer {
      id
      displayName
      username
      role
      department {
        id
        name
      }
    }
  }
`);
