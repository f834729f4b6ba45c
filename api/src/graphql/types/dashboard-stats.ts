import type { Viewer } from '../../domain/viewer.ts';
import type { DashboardCounts } from '../../services/stats.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { DepartmentRef } from './department.ts';
import { PriorityEnum, TicketStatusEnum } from './enums.ts';

/**
 * Who is asking and about which department, plus the cards' counts as a memoised promise. The cards and the
 * weekly trend are two statements of about the same cost (≈1 s each for a member at 1,000,000 tickets), so
 * neither waits for the other: the root field returns at once, and GraphQL calls the resolvers of the selected
 * fields in one pass, so the first card field starts the counts and weeklyTrend starts its own statement in the
 * same tick. A selection without cards runs no counts; one without weeklyTrend no trend.
 */
export type DashboardStatsShape = { viewer: Viewer; departmentId: string | null; counts: () => Promise<DashboardCounts> };

/** Cards not yet loaded: the first field that asks starts the statement, the others share it. */
function lazyCounts(load: () => Promise<DashboardCounts>): () => Promise<DashboardCounts> {
  let counts: Promise<DashboardCounts> | undefined;
  return () => {
    counts ??= load();
    return counts;
  };
}

/** The cards: the counts' number fields. */
type CardKey = { [K in keyof DashboardCounts]: DashboardCounts[K] extends number ? K : never }[keyof DashboardCounts];

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
  fields: (t) => {
    const card = (key: CardKey, description?: string) => t.int({ description, resolve: async (stats) => (await stats.counts())[key] });
    return {
      total: card('total'),
      deptApproval: card('deptApproval', 'REQUESTED: waiting for the department manager.'),
      creativeApproval: card('creativeApproval', 'PENDING_CREATIVE: waiting for a Creative manager.'),
      approved: card('approved', 'APPROVED: ready to assign or start.'),
      inProgress: card('inProgress'),
      completed: card('completed', 'Delivered work: COMPLETED plus CLOSED.'),
      rejected: card('rejected'),
      overdue: card('overdue'),
      byStatus: t.field({ type: [StatusCount], resolve: async (stats) => (await stats.counts()).byStatus }),
      byPriority: t.field({ type: [PriorityCount], resolve: async (stats) => (await stats.counts()).byPriority }),
      awaitingMyApproval: t.int({
        nullable: true,
        description:
          "Tickets waiting for the viewer's approval or rejection (tickets with filter awaitingMyApproval): the viewer's own queue, in every department whatever departmentId says. Null for whoever the workflow lets approve nothing (members).",
        resolve: (stats, _args, ctx) => ctx.services.stats.awaitingMyApproval(stats.viewer),
      }),
      weeklyTrend: t.field({
        type: [WeekPoint],
        description: 'Tickets created and completed per ISO week, oldest week first, ending with the current one.',
        args: { weeks: t.arg.int({ defaultValue: 8 }) },
        resolve: (stats, args, ctx) => ctx.services.stats.weeklyTrend(stats.viewer, args.weeks ?? 8, stats.departmentId),
      }),
    };
  },
});

export function loadDashboardStats(ctx: Parameters<typeof requireViewer>[0], departmentId: string | null): DashboardStatsShape {
  const viewer = requireViewer(ctx);
  return { viewer, departmentId, counts: lazyCounts(() => ctx.services.stats.dashboardCounts(viewer, departmentId)) };
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
    resolve: (counts, args, ctx) => ({ viewer: requireViewer(ctx), departmentId: args.departmentId?.id ?? null, counts: () => Promise.resolve(counts) }),
  }),
);
