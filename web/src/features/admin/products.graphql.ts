import { graphql } from '../../gql';

export const adminProductsQuery = graphql(`
  query AdminProducts {
    products(filter: { includeInactive: true }) {
      id
      name
      category
      isActive
    }
  }
`);

export const createProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
        name
        category
        isActive
      }
    }
  }
`);

export const updateProductMutation = graphql(`
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      product {
        id
        name
        category
        isActive
      }
    }
  }
`);
