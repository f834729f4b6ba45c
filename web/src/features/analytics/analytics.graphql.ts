import { graphql } from '../../gql';

/** A maker's figures, as the leaderboards and the per-person table show them. */
export const userPerformanceFieldsFragment = graphql(`
  fragment UserPerformanceFields on UserPerformance {
    user {
      id
    }
    displayName
    assigned
    completed
    inProgress
    output
    averageProcessingHours
    averageCycleHours
  }
`);

/** Who is asking, and the departments a scope can be narrowed to. */
export const analyticsScopeQuery = graphql(`
  query AnalyticsScope {
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

export const analyticsQuery = graphql(`
  query Analytics($range: AnalyticsRange!, $departmentId: ID) {
    analytics(range: $range, departmentId: $departmentId) {
      created
      completed
      rejected
      completionRate
      onTimeRate
      revisionRate
      averageRevisions
      averageCycleHours
      averageProcessingHours
      stageAverages {
        stage
        averageHours
        tickets
      }
      outputByCriteria {
        criteria
        tickets
        quantity
      }
      byRequestType {
        requestType
        created
        completed
        onTimeRate
        quantity
      }
      byProduct {
        productName
        tickets
        quantity
      }
      byDepartment {
        departmentName
        created
        completed
        onTimeRate
        quantity
      }
      byPriority {
        priority
        created
        completed
        onTimeRate
        quantity
      }
      leaders {
        ...UserPerformanceFields
      }
      perUser {
        ...UserPerformanceFields
      }
    }
  }
`);

export const monthlyReportQuery = graphql(`
  query MonthlyReport($year: Int!, $month: Int!, $departmentId: ID) {
    monthlyReport(year: $year, month: $month, departmentId: $departmentId) {
      year
      month
      created
      completed
      overdueAtMonthEnd
      previousOverdueAtMonthEnd
      kpis {
        kpi
        value
        target
        status
        previous
        change
      }
      leaderboard {
        ...UserPerformanceFields
      }
      revisionDistribution {
        revisions
        tickets
      }
    }
  }
`);
