// Analytics rules without IO: who sees which tickets' numbers, what a period is, how a KPI compares with its
// target. The figures themselves are SQL aggregates (services/analytics.ts); their definitions are in the README.
import { BadInputError, ForbiddenError } from './errors.ts';
import type { Viewer } from './viewer.ts';

/**
 * The tickets a viewer's analytics count (trash never): an admin all of them (or one department), a Creative
 * manager those they may read (or one department of those), another manager their own department. Members see
 * none: analytics is for the people who run the team.
 */
export type AnalyticsScope =
  | { kind: 'ALL'; departmentId: string | null }
  | { kind: 'READABLE'; departmentId: string | null }
  | { kind: 'DEPARTMENT'; departmentId: string };

export function analyticsScope(viewer: Viewer, departmentId: string | null | undefined): AnalyticsScope {
  const wanted = departmentId ?? null;
  if (viewer.role === 'ADMIN') return { kind: 'ALL', departmentId: wanted };
  if (viewer.role !== 'MANAGER') throw new ForbiddenError('Only managers and admins can see analytics.');
  if (viewer.inCreativeDepartment) return { kind: 'READABLE', departmentId: wanted };
  if (!viewer.departmentId) throw new ForbiddenError('A manager without a department has no analytics to see.');
  if (wanted && wanted !== viewer.departmentId) throw new ForbiddenError("Managers see their own department's analytics only.");
  return { kind: 'DEPARTMENT', departmentId: viewer.departmentId };
}

/** Who sees the team's workload and the approvals waiting: Creative managers (who assign) and admins. */
export function assertSeesTeam(viewer: Viewer): void {
  if (viewer.role === 'ADMIN' || (viewer.role === 'MANAGER' && viewer.inCreativeDepartment)) return;
  throw new ForbiddenError("Only Creative managers and admins can see the team's workload.");
}

/** Who sees who has approvals waiting: managers (for the tickets of their scope) and admins. */
export function assertSeesApprovals(viewer: Viewer): void {
  if (viewer.role === 'ADMIN' || viewer.role === 'MANAGER') return;
  throw new ForbiddenError('Only managers and admins can see pending approvals.');
}

export type Period = { from: Date; to: Date };

const MAX_PERIOD_DAYS = 400;

/** A half-open period [from, to): from before to, at most about a year and a month long. */
export function checkPeriod(period: Period): Period {
  if (!(period.from < period.to)) throw new BadInputError('range.from must be before range.to.', 'range');
  if (period.to.getTime() - period.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new BadInputError(`A range may span at most ${MAX_PERIOD_DAYS} days.`, 'range');
  }
  return period;
}

/** A calendar month in UTC, [first day, first day of the next month). */
export function monthPeriod(year: number, month: number): Period {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new BadInputError('year must be from 2000 to 2100.', 'year');
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new BadInputError('month must be from 1 to 12.', 'month');
  return { from: new Date(Date.UTC(year, month - 1, 1)), to: new Date(Date.UTC(year, month, 1)) };
}

/**
 * The instant a period's "overdue" is counted at: its end, or now while it is still running (a ticket due later
 * this month is not overdue yet, as the dashboard and the overdue filter say).
 */
export function overdueInstant(period: Period, now: Date): Date {
  return period.to.getTime() > now.getTime() ? now : period.to;
}

export const KPI_STATUSES = ['GREEN', 'AMBER', 'RED'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export const KPIS = ['COMPLETION_RATE', 'ON_TIME_RATE', 'AVERAGE_REVISIONS', 'OVERDUE_RATE'] as const;
export type Kpi = (typeof KPIS)[number];

export type KpiTargets = Record<Kpi, number>;

/** The team's targets unless configured (KPI_TARGET_* in config.ts). */
export const DEFAULT_KPI_TARGETS: KpiTargets = { COMPLETION_RATE: 0.8, ON_TIME_RATE: 0.8, AVERAGE_REVISIONS: 3, OVERDUE_RATE: 0.05 };

/** Whether a KPI is good when high (rates of delivery) or when low (revisions, overdue work). */
export const KPI_DIRECTION: Record<Kpi, 'AT_LEAST' | 'AT_MOST'> = {
  COMPLETION_RATE: 'AT_LEAST',
  ON_TIME_RATE: 'AT_LEAST',
  AVERAGE_REVISIONS: 'AT_MOST',
  OVERDUE_RATE: 'AT_MOST',
};

/** How far past its target a KPI is AMBER before it turns RED: 10 points for rates, one revision for revisions. */
export const KPI_AMBER_BAND: Record<Kpi, number> = {
  COMPLETION_RATE: 0.1,
  ON_TIME_RATE: 0.1,
  AVERAGE_REVISIONS: 1,
  OVERDUE_RATE: 0.1,
};

/** GREEN when the target is met, AMBER within the band past it, RED beyond; null (nothing to measure) is AMBER. */
export function kpiStatus(kpi: Kpi, value: number | null, target: number): KpiStatus {
  if (value === null) return 'AMBER';
  // A tiny tolerance: 0.8 computed as 4/5 must meet a target of 0.8.
  const shortfall = KPI_DIRECTION[kpi] === 'AT_LEAST' ? target - value : value - target;
  if (shortfall <= 1e-9) return 'GREEN';
  return shortfall <= KPI_AMBER_BAND[kpi] + 1e-9 ? 'AMBER' : 'RED';
}

/** A share, or null when there is nothing to share out (0 of 0 is not 0 %). */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
