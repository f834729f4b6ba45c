import { graphql } from '../../gql';

/** Everything the dashboard shows of the numbers; shared by the first query and the live subscription. */
export const dashboardStatsFieldsFragment = graphql(`
  fragment DashboardStatsFields on DashboardStats {
    total
    deptApproval
    creativeApproval
    approved
    inProgress
    completed
    rejected
    overdue
    awaitingMyApproval
    byStatus {
      status
      count
    }
    byPriority {
      priority
      count
    }
    weeklyTrend(weeks: 8) {
      weekStart
      created
      completed
    }
  }
`);

export const dashboardQuery = graphql(`
  query Dashboard($departmentId: ID) {
    dashboardStats(departmentId: $departmentId) {
      ...DashboardStatsFields
    }
    unreadNotificationCount
  }
`);

export const dashboardStatsChangedSubscription = graphql(`
  subscription DashboardStatsChanged($departmentId: ID) {
    dashboardStatsChanged(departmentId: $departmentId) {
      ...DashboardStatsFields
    }
  }
`);

/** Who may look at one department at a time (admins, Creative managers), and the departments to pick. */
export const dashboardScopeQuery = graphql(`
  query DashboardScope {
    viewer {
      id
      role
      department {
        id
        isCreative
      }
    }
    departments {
      id
      name
    }
  }
`);
