import { graphql } from '../gql';

/** Filter choices: departments, and the Creative members work can be assigned to. */
export const filterOptionsQuery = graphql(`
  query TicketFilterOptions {
    departments {
      id
      name
      isCreative
      members {
        id
        displayName
      }
    }
  }
`);
