import { graphql } from '../../gql';

/** Products a request may itemize; the form keeps those of the chosen type's categories. */
export const requestProductsQuery = graphql(`
  query RequestProducts {
    products {
      id
      name
      category
    }
  }
`);

export const createTicketMutation = graphql(`
  mutation CreateTicket($input: CreateTicketInput!) {
    createTicket(input: $input) {
      ticket {
        id
        number
      }
    }
  }
`);
