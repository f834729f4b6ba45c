import { graphql } from '../../gql';

export const myTasksQuery = graphql(`
  query MyTasks($first: Int!) {
    myTasks(first: $first, open: true) {
      totalCount
      nodes {
        id
        number
        title
        status
        priority
        dueDate
        isOverdue
      }
    }
  }
`);
