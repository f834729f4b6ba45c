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

/** A request to ask for again (`/new?again=<number>`): what its copy starts from. */
export const requestAgainSourceQuery = graphql(`
  query RequestAgainSource($search: String!) {
    tickets(first: 5, filter: { search: $search }) {
      nodes {
        id
        number
        status
        title
        description
        rejectionReason
        requestType
        priority
        fileFormat
        criteria
        quantity
        complexity
        estimatedHours
        productItems {
          product {
            id
          }
          quantity
          criteria
        }
      }
    }
  }
`);
