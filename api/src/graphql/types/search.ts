// Query.search (the command palette's "find anything", issue 25): tickets the viewer may read and people,
// ranked in one list. The work is services/search.ts's; the rules of the text and the limits domain/search.ts's.
import { DEFAULT_SEARCH_RESULTS, MAX_SEARCH_LENGTH, MAX_SEARCH_RESULTS } from '../../domain/search.ts';
import { type SearchHit, search } from '../../services/search.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { TicketRef } from './ticket.ts';
import { UserRef } from './user.ts';

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One search result: a ticket or a person (exactly one of the two is set).',
  fields: (t) => ({
    ticket: t.field({ type: TicketRef, nullable: true, resolve: (hit) => hit.ticket }),
    user: t.field({ type: UserRef, nullable: true, resolve: (hit) => hit.user }),
    score: t.float({ description: 'Higher is better; a ticket found by its number scores 10 or more.', resolve: (hit) => hit.score }),
    snippet: t.string({
      nullable: true,
      description: "A ticket's words around the match, from its description or the matching comment; plain text.",
      resolve: (hit) => hit.snippet,
    }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description:
      `Tickets the viewer may read (by number, "#123" or "123"; by words of the title, description or comments, ` +
      `as prefixes; by a title close to the text, typos included) and active people, best first. ` +
      `query: at most ${MAX_SEARCH_LENGTH} characters; first: 1 to ${MAX_SEARCH_RESULTS} (default ${DEFAULT_SEARCH_RESULTS}).`,
    args: {
      query: t.arg.string({ required: true }),
      first: t.arg.int(),
    },
    resolve: (_root, args, ctx) =>
      search({ sql: ctx.sql, prisma: ctx.prisma, usersWhere: ctx.services.users.usersWhere }, requireViewer(ctx), args.query, args.first),
  }),
);
