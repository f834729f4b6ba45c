// Analytics, the monthly report, the team's workload and the approvals waiting: thin types over
// services/analytics.ts. Who may ask is decided there (domain/analytics.ts) and in the shield map.
import { KPI_STATUSES, KPIS } from '../../domain/analytics.ts';
import type { Analytics, KpiResult, MemberWorkload, MonthlyReport, PendingApproval, UserPerformance } from '../../services/analytics.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { ApprovalStepEnum, CriteriaEnum, PriorityEnum, RequestTypeEnum } from './enums.ts';
import { ProductRef } from './product.ts';
import { StageEnum } from './ticket-stage-times.ts';
import { UserRef } from './user.ts';

const rate = (description: string) => ({
  nullable: true as const,
  description: `${description} A fraction from 0 to 1; null when there is nothing to measure.`,
});

const StageAverage = builder.simpleObject('StageAverage', {
  fields: (t) => ({
    stage: t.field({ type: StageEnum }),
    averageHours: t.float({ nullable: true, description: 'Average hours in the stage over the tickets completed in the range that passed it.' }),
    tickets: t.int({ description: 'How many tickets the average is over.' }),
  }),
});

const CriteriaOutput = builder.simpleObject('CriteriaOutput', {
  fields: (t) => ({
    criteria: t.field({ type: CriteriaEnum, nullable: true, description: 'Null for work without a criteria.' }),
    tickets: t.int(),
    quantity: t.int({ description: 'Units delivered: product items by their criteria, other tickets by their quantity.' }),
  }),
});

const ProductOutput = builder.objectRef<Analytics['byProduct'][number]>('ProductOutput').implement({
  fields: (t) => ({
    product: t.field({ type: ProductRef, resolve: (row) => row.product }),
    productName: t.exposeString('productName'),
    tickets: t.exposeInt('tickets'),
    quantity: t.exposeInt('quantity'),
  }),
});

const RequestTypeBreakdown = builder.objectRef<Analytics['byRequestType'][number]>('RequestTypeBreakdown').implement({
  fields: (t) => ({
    requestType: t.expose('requestType', { type: RequestTypeEnum }),
    created: t.exposeInt('created', { description: 'Created in the range.' }),
    completed: t.exposeInt('completed', { description: 'Completed in the range.' }),
    onTimeRate: t.exposeFloat('onTimeRate', rate('Of those completed with a due date, the share completed by it.')),
    quantity: t.exposeInt('quantity', { description: 'Quantity of those completed.' }),
  }),
});

const DepartmentBreakdown = builder.objectRef<Analytics['byDepartment'][number]>('DepartmentBreakdown').implement({
  fields: (t) => ({
    department: t.field({ type: DepartmentRef, resolve: (row) => ({ id: row.departmentId }) }),
    departmentName: t.exposeString('departmentName'),
    created: t.exposeInt('created'),
    completed: t.exposeInt('completed'),
    onTimeRate: t.exposeFloat('onTimeRate', rate('Of those completed with a due date, the share completed by it.')),
    quantity: t.exposeInt('quantity'),
  }),
});

const PriorityBreakdown = builder.objectRef<Analytics['byPriority'][number]>('PriorityBreakdown').implement({
  fields: (t) => ({
    priority: t.expose('priority', { type: PriorityEnum }),
    created: t.exposeInt('created'),
    completed: t.exposeInt('completed'),
    onTimeRate: t.exposeFloat('onTimeRate', rate('Of those completed with a due date, the share completed by it.')),
    quantity: t.exposeInt('quantity'),
  }),
});

export const UserPerformanceRef = builder.objectRef<UserPerformance>('UserPerformance').implement({
  description: 'A maker (assignee or collaborator; a collaborator is credited with the whole ticket) over the range.',
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (row) => ({ id: row.userId }) }),
    displayName: t.exposeString('displayName'),
    assigned: t.exposeInt('assigned', { description: 'Tickets assigned in the range that the user works on.' }),
    completed: t.exposeInt('completed', { description: 'Tickets completed in the range.' }),
    inProgress: t.exposeInt('inProgress', { description: 'Tickets in progress now.' }),
    output: t.exposeInt('output', { description: 'Quantity of the tickets completed in the range.' }),
    averageProcessingHours: t.exposeFloat('averageProcessingHours', { nullable: true, description: 'Started → completed, over those completed.' }),
    averageCycleHours: t.exposeFloat('averageCycleHours', { nullable: true, description: 'Created → completed, over those completed.' }),
  }),
});

const AnalyticsRef = builder.objectRef<Analytics>('Analytics').implement({
  description:
    'Figures over the tickets of the viewer\'s scope (trash excluded) for the range [from, to): "created" counts tickets created in it, "completed" those whose latest completion falls in it. Definitions: README, Analytics.',
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime' }),
    to: t.expose('to', { type: 'DateTime' }),
    department: t.field({ type: DepartmentRef, nullable: true, resolve: (a) => (a.departmentId ? { id: a.departmentId } : null) }),
    created: t.exposeInt('created'),
    completed: t.exposeInt('completed'),
    rejected: t.exposeInt('rejected', { description: 'Of those created in the range, how many are rejected.' }),
    completionRate: t.exposeFloat('completionRate', rate('Of the tickets created in the range and not rejected, the share completed.')),
    onTimeRate: t.exposeFloat('onTimeRate', rate('Of the tickets completed in the range with a due date, the share completed by it.')),
    revisionRate: t.exposeFloat('revisionRate', rate('Of the tickets completed in the range, the share sent back for revision at least once.')),
    averageRevisions: t.exposeFloat('averageRevisions', { nullable: true, description: 'Revision rounds per ticket completed in the range.' }),
    averageCycleHours: t.exposeFloat('averageCycleHours', { nullable: true, description: 'Created → completed, over the tickets completed in the range.' }),
    averageProcessingHours: t.exposeFloat('averageProcessingHours', {
      nullable: true,
      description: 'Started → completed, over the tickets completed in the range.',
    }),
    stageAverages: t.field({ type: [StageAverage], resolve: (a) => a.stageAverages }),
    outputByCriteria: t.field({ type: [CriteriaOutput], resolve: (a) => a.outputByCriteria }),
    byRequestType: t.field({ type: [RequestTypeBreakdown], resolve: (a) => a.byRequestType }),
    byProduct: t.field({ type: [ProductOutput], description: 'Product items of the tickets completed in the range.', resolve: (a) => a.byProduct }),
    byDepartment: t.field({ type: [DepartmentBreakdown], resolve: (a) => a.byDepartment }),
    byPriority: t.field({ type: [PriorityBreakdown], resolve: (a) => a.byPriority }),
    perUser: t.field({ type: [UserPerformanceRef], description: 'Every maker with work in the range, most output first.', resolve: (a) => a.perUser }),
    leaders: t.field({
      type: [UserPerformanceRef],
      description: 'The top five by output, then completions (those who completed something).',
      resolve: (a) => a.leaders,
    }),
  }),
});

const AnalyticsRangeInput = builder.inputType('AnalyticsRange', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true, description: 'Exclusive.' }),
  }),
});

builder.queryField('analytics', (t) =>
  t.field({
    type: AnalyticsRef,
    description: 'Managers: their department (Creative managers: the tickets they may read, optionally one department); admins: all or one department.',
    args: { range: t.arg({ type: AnalyticsRangeInput, required: true }), departmentId: t.arg.globalID({ for: DepartmentRef }) },
    resolve: (_root, args, ctx) => ctx.services.analytics.analytics(requireViewer(ctx), args.range, args.departmentId?.id ?? null),
  }),
);

const KpiEnum = builder.enumType('Kpi', { values: KPIS });
const KpiStatusEnum = builder.enumType('KpiStatus', {
  description: 'GREEN: target met; AMBER: close to it (or nothing to measure); RED: missed.',
  values: KPI_STATUSES,
});

const KpiResultRef = builder.objectRef<KpiResult>('KpiResult').implement({
  fields: (t) => ({
    kpi: t.expose('kpi', { type: KpiEnum }),
    value: t.exposeFloat('value', { nullable: true, description: 'Rates as fractions 0–1; AVERAGE_REVISIONS in rounds.' }),
    target: t.exposeFloat('target', { description: 'At least this for the rates of completion and on-time; at most this for revisions and overdue.' }),
    status: t.expose('status', { type: KpiStatusEnum }),
    previous: t.exposeFloat('previous', { nullable: true, description: 'The value the month before.' }),
    change: t.exposeFloat('change', { nullable: true, description: 'value − previous.' }),
  }),
});

const RevisionBucket = builder.simpleObject('RevisionBucket', {
  fields: (t) => ({ revisions: t.int(), tickets: t.int({ description: 'Tickets completed in the month after this many revision rounds.' }) }),
});

const MonthlyReportRef = builder.objectRef<MonthlyReport>('MonthlyReport').implement({
  description: 'A calendar month (UTC) against the KPI targets, and the change from the month before.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    month: t.exposeInt('month'),
    from: t.expose('from', { type: 'DateTime' }),
    to: t.expose('to', { type: 'DateTime' }),
    department: t.field({ type: DepartmentRef, nullable: true, resolve: (r) => (r.departmentId ? { id: r.departmentId } : null) }),
    kpis: t.field({ type: [KpiResultRef], resolve: (r) => r.kpis }),
    created: t.exposeInt('created'),
    completed: t.exposeInt('completed'),
    overdueAtMonthEnd: t.exposeInt('overdueAtMonthEnd', { description: 'Due before the month ended and not completed (or rejected) by then.' }),
    previousOverdueAtMonthEnd: t.exposeInt('previousOverdueAtMonthEnd'),
    leaderboard: t.field({
      type: [UserPerformanceRef],
      description: 'Makers who completed work in the month, most output first.',
      resolve: (r) => r.leaderboard,
    }),
    revisionDistribution: t.field({ type: [RevisionBucket], resolve: (r) => r.revisionDistribution }),
  }),
});

builder.queryField('monthlyReport', (t) =>
  t.field({
    type: MonthlyReportRef,
    description: 'Who may: as analytics.',
    args: {
      year: t.arg.int({ required: true }),
      month: t.arg.int({ required: true, description: '1–12' }),
      departmentId: t.arg.globalID({ for: DepartmentRef }),
    },
    resolve: (_root, args, ctx) => ctx.services.analytics.monthlyReport(requireViewer(ctx), args.year, args.month, args.departmentId?.id ?? null),
  }),
);

const MemberWorkloadRef = builder.objectRef<MemberWorkload>('MemberWorkload').implement({
  description: "A Creative member's open work (as assignee or collaborator).",
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (row) => ({ id: row.userId }) }),
    displayName: t.exposeString('displayName'),
    inProgress: t.exposeInt('inProgress'),
    queued: t.exposeInt('queued', { description: 'APPROVED, not started yet.' }),
    overdue: t.exposeInt('overdue', { description: 'Open (queued or in progress) and past its due date.' }),
    dueSoon: t.exposeInt('dueSoon', { description: 'Open and due within the next 24 hours.' }),
  }),
});

builder.queryField('teamWorkload', (t) =>
  t.field({
    type: [MemberWorkloadRef],
    description: 'Every active Creative member, by name: Creative managers and admins (who assign).',
    resolve: (_root, _args, ctx) => ctx.services.analytics.teamWorkload(requireViewer(ctx)),
  }),
);

const PendingApprovalRef = builder.objectRef<PendingApproval>('PendingApproval').implement({
  fields: (t) => ({
    approver: t.field({ type: UserRef, resolve: (row) => ({ id: row.approverId }) }),
    step: t.expose('step', { type: ApprovalStepEnum }),
    count: t.exposeInt('count', { description: 'Requests waiting for this approver at this step.' }),
    oldestWaitingSince: t.expose('oldestWaitingSince', { type: 'DateTime' }),
  }),
});

builder.queryField('pendingApprovals', (t) =>
  t.field({
    type: [PendingApprovalRef],
    description: "Per manager with requests waiting at their step, over the caller's analytics scope: managers and admins.",
    resolve: (_root, _args, ctx) => ctx.services.analytics.pendingApprovals(requireViewer(ctx)),
  }),
);
