// Comment counts for the tickets one execution resolves, in one grouped statement over those tickets only.
// Pothos' relationCount made Prisma join a count over the whole Comment table on every request (≈470 ms at
// 300,000 comments); this reads the Comment(ticketId, …) index for the page's ids. No cache: a subscription
// keeps one context for its lifetime, and each event must see the count as it is now.
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';

const loaders = new WeakMap<Context, DataLoader<string, number>>();

export function commentCountOf(ctx: Context, ticketId: string): Promise<number> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (ids: readonly string[]) => {
        const rows = await ctx.prisma.comment.groupBy({ by: ['ticketId'], where: { ticketId: { in: [...ids] } }, _count: { _all: true } });
        const counts = new Map(rows.map((row) => [row.ticketId, row._count._all]));
        return ids.map((id) => counts.get(id) ?? 0);
      },
      { cache: false },
    );
    loaders.set(ctx, loader);
  }
  return loader.load(ticketId);
}
