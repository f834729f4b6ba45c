import type { Viewer } from '../../domain/viewer.ts';
import type { DashboardCounts } from '../../services/stats.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { PriorityEnum, TicketStatusEnum } from './enums.ts';

/** Counts plus what weeklyTrend needs to compute lazily (only when asked for). */
export type DashboardStatsShape = DashboardCounts & { viewer: Viewer; departmentId: string | null };

const StatusCount = builder.simpleObject('StatusCount', {
  fields: (t) => ({ status: t.field({ type: TicketStatusEnum }), count: t.int() }),
});
const PriorityCount = builder.simpleObject('PriorityCount', {
  fields: (t) => ({ priority: t.field({ type: PriorityEnum }), count: t.int() }),
});
const WeekPoint = builder.simpleObject('WeekPoint', {
  fields: (t) => ({
    weekStart: t.field({ type: 'DateTime', description: 'Monday 00:00 UTC of the ISO week.' }),
    created: t.int(),
    completed: t.int(),
  }),
});

export const DashboardStatsRef = builder.objectRef<DashboardStatsShape>('DashboardStats').implement({
  description: 'Counts over the tickets the viewer may read (trash excluded), optionally one department.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    deptApproval: t.exposeInt('deptApproval', { description: 'REQUESTED: waiting for the department manager.' }),
    creativeApproval: t.exposeInt('creativeApproval', { description: 'PENDING_CREATIVE: waiting for a Creative manager.' }),
    approved: t.exposeInt('approved', { description: 'APPROVED: ready to assign or start.' }),
    inProgress: t.exposeInt('inProgress'),
    completed: t.exposeInt('completed', { description: 'Delivered work: COMPLETED plus CLOSED.' }),
    rejected: t.exposeInt('rejected'),
    overdue: t.exposeInt('overdue'),
    byStatus: t.field({ type: [StatusCount], resolve: (stats) => stats.byStatus }),
    byPriority: t.field({ type: [PriorityCount], resolve: (stats) => stats.byPriority }),
    weeklyTrend: t.field({
      type: [WeekPoint],
      description: 'Tickets created and completed per ISO week, oldest week first, ending with the current one.',
      args: { weeks: t.arg.int({ defaultValue: 8 }) },
      resolve: (stats, args, ctx) => ctx.services.stats.weeklyTrend(stats.viewer, args.weeks ?? 8, stats.departmentId),
    }),
  }),
});

export async function loadDashboardStats(ctx: Parameters<typeof requireViewer>[0], departmentId: string | null): Promise<DashboardStatsShape> {
  const viewer = requireViewer(ctx);
  return { ...(await ctx.services.stats.dashboardCounts(viewer, departmentId)), viewer, departmentId };
}

builder.queryField('dashboardStats', (t) =>
  t.field({
    type: DashboardStatsRef,
    args: { departmentId: t.arg.globalID({ for: DepartmentRef }) },
    resolve: (_root, args, ctx) => loadDashboardStats(ctx, args.departmentId?.id ?? null),
  }),
);

builder.subscriptionField('dashboardStatsChanged', (t) =>
  t.field({
    type: DashboardStatsRef,
    description: 'The current numbers at once, then again whenever they change (coalesced: at most a few pushes a second).',
    args: { departmentId: t.arg.globalID({ for: DepartmentRef }) },
    subscribe: (_root, args, ctx) => ctx.realtime.dashboardStats(requireViewer(ctx), args.departmentId?.id ?? null),
    resolve: (counts, args, ctx) => ({ ...counts, viewer: requireViewer(ctx), departmentId: args.departmentId?.id ?? null }),
  }),
);
