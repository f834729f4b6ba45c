import { graphql } from '../../gql';

export const savedViewsQuery = graphql(`
  query SavedViews($page: SavedViewPage!) {
    savedViews(page: $page) {
      id
      name
      filter
    }
  }
`);

export const createSavedViewMutation = graphql(`
  mutation CreateSavedView($input: CreateSavedViewInput!) {
    createSavedView(input: $input) {
      savedView {
        id
        name
        filter
      }
    }
  }
`);

export const deleteSavedViewMutation = graphql(`
  mutation DeleteSavedView($input: DeleteSavedViewInput!) {
    deleteSavedView(input: $input) {
      deletedSavedViewId
    }
  }
`);
