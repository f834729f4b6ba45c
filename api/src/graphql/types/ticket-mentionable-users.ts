// Ticket.mentionableUsers: whom the comment box may offer after an @. A mention notifies only people who may
// read the ticket (services/comments.ts), so offering anyone else would promise a notification that never
// comes; the same domain rule (canReadTicket) decides both.
import { canReadTicket } from '../../domain/ticket-access.ts';
import { viewerOf } from '../../domain/viewer.ts';
import { FACTS_SELECTION, factsOf } from '../../services/ticket-rows.ts';
import { builder } from '../builder.ts';
import { UserRef } from './user.ts';

const MAX_CANDIDATES = 20;

builder.prismaObjectFields('Ticket', (t) => ({
  mentionableUsers: t.field({
    type: [UserRef],
    description: 'Active people who may read this ticket (whom an @mention notifies), matching search, by name.',
    args: {
      search: t.arg.string({
        description: 'Matches username or display name.',
      }),
      first: t.arg.int({
        description: `At most ${MAX_CANDIDATES} (default 8).`,
      }),
    },
    select: FACTS_SELECTION,
    resolve: async (ticket, args, ctx) => {
      const facts = factsOf(ticket);
      const search = args.search?.trim();
      const limit = Math.min(Math.max(args.first ?? 8, 1), MAX_CANDIDATES);
      const involved = [facts.requesterId, facts.assigneeId, ...facts.collaboratorIds].filter((id): id is string => id !== null);
      // A superset (admins, managers, the people on the ticket), then the read rule itself decides.
      const candidates = await ctx.prisma.user.findMany({
        where: {
          isActive: true,
          approvedAt: { not: null },
          OR: [{ role: { in: ['ADMIN', 'MANAGER'] } }, { id: { in: involved } }],
          ...(search
            ? {
                AND: [
                  {
                    OR: [
                      { username: { contains: search, mode: 'insensitive' } },
                      {
                        displayName: { contains: search, mode: 'insensitive' },
                      },
                    ],
                  },
                ],
              }
            : {}),
        },
        select: {
          id: true,
          username: true,
          role: true,
          departmentId: true,
          department: { select: { isCreative: true } },
        },
      });
      const ids = candidates.filter((user) => canReadTicket(viewerOf(user), facts)).map((user) => user.id);
      return ctx.prisma.user.findMany({
        where: { id: { in: ids } },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
        take: limit,
      });
    },
  }),
}));
