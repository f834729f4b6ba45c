// Search (the `search` query, issue 25): tickets the viewer may read and people, in one ranked list.
//
// Tickets in one statement (searchTicketsSql), under the read rule of services/ticket-visibility.ts as every
// other ticket read. A ticket is found by
//   - its number ("#123" or "123"), which always ranks first;
//   - the words of its title and description, each word a prefix (Ticket_search_idx, 'simple' configuration:
//     see the migration 20261206142700_search_indexes for why not 'english');
//   - a title close to the text (pg_trgm word similarity, Ticket_title_trgm_idx): typos and partial words;
//   - the words of one of its comments (Comment_search_idx).
// Each way is its own branch, bounded to CANDIDATES matches, so a word that every ticket has ("the") costs a
// bounded amount of ranking and headline work instead of all of it; ranking then happens over those candidates:
// number, then full-text rank (title words weigh more than description words) plus title similarity, a comment
// hit a little, ties to the newest. The branches take the first matches their index scan yields, deliberately
// unordered: with ORDER BY "createdAt" the planner walked the tickets newest first whenever it guessed a prefix
// common (it guesses 2 % for any prefix), which for a word in no ticket read the whole table (1 s at 100,000
// tickets against 2 ms through the indexes).
import type { PrismaClient, Prisma as PrismaNamespace, Ticket, User } from '../db/generated/prisma/client.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { SqlReader } from '../db/sql-reader.ts';
import { MAX_PEOPLE_RESULTS, parseSearch, personScore, type SearchTerms, searchResultLimit } from '../domain/search.ts';
import type { Viewer } from '../domain/viewer.ts';
import { visibleTicketsSql } from './ticket-visibility.ts';

/** How many matches of each branch are ranked. */
export const CANDIDATES = 200;

/** The indexed expressions, written exactly as in the migration so the planner matches them to the indexes. */
const TICKET_DOCUMENT = Prisma.sql`(setweight(to_tsvector('simple'::regconfig, t."title"), 'A') || setweight(to_tsvector('simple'::regconfig, t."description"), 'B'))`;
const COMMENT_DOCUMENT = Prisma.sql`to_tsvector('simple'::regconfig, c."body")`;
/** Plain text: the client marks the words itself (no markup to escape). */
const HEADLINE_OPTIONS = 'MaxWords=20, MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … ", StartSel="", StopSel=""';

export type TicketSearchRow = { id: string; score: number; snippet: string | null };

/** The ranked tickets' ids, scores and snippets for terms with at least one word (parseSearch's prefixQuery). */
export function searchTicketsSql(viewer: Viewer, terms: SearchTerms & { prefixQuery: string }, limit: number): PrismaNamespace.Sql {
  const visible = visibleTicketsSql(viewer, 't');
  const query = Prisma.sql`to_tsquery('simple'::regconfig, ${terms.prefixQuery})`;
  const byNumber =
    terms.number === null
      ? Prisma.empty
      : Prisma.sql`SELECT t."id", 1 AS "kind", NULL::text AS "body" FROM "Ticket" t WHERE t."number" = ${terms.number}::int AND ${visible}
  UNION ALL
  `;
  return Prisma.sql`
WITH hits AS (
  ${byNumber}(SELECT t."id", 2 AS "kind", NULL::text AS "body" FROM "Ticket" t
   WHERE (${TICKET_DOCUMENT} @@ ${query} OR ${terms.text} <% t."title") AND ${visible}
   LIMIT ${CANDIDATES})
  UNION ALL
  (SELECT c."ticketId", 3, c."body" FROM "Comment" c JOIN "Ticket" t ON t."id" = c."ticketId"
   WHERE ${COMMENT_DOCUMENT} @@ ${query} AND ${visible}
   LIMIT ${CANDIDATES})
),
found AS (
  SELECT "id", bool_or("kind" = 1) AS "byNumber", (array_agg("body") FILTER (WHERE "kind" = 3))[1] AS "comment"
  FROM hits GROUP BY "id"
)
SELECT t."id",
  (CASE WHEN f."byNumber" THEN 10 ELSE 0 END + ts_rank(${TICKET_DOCUMENT}, ${query}) + word_similarity(${terms.text}, t."title")
   + CASE WHEN f."comment" IS NOT NULL THEN 0.1 ELSE 0 END)::float8 AS "score",
  nullif(CASE
    WHEN f."comment" IS NOT NULL AND NOT (to_tsvector('simple'::regconfig, t."description") @@ ${query})
      THEN ts_headline('simple'::regconfig, f."comment", ${query}, ${HEADLINE_OPTIONS})
    ELSE ts_headline('simple'::regconfig, t."description", ${query}, ${HEADLINE_OPTIONS})
  END, '') AS "snippet"
FROM found f JOIN "Ticket" t ON t."id" = f."id"
ORDER BY "score" DESC, t."createdAt" DESC
LIMIT ${limit}`;
}

export type SearchHit = { ticket: Ticket | null; user: User | null; score: number; snippet: string | null };

export type SearchDeps = {
  sql: SqlReader;
  prisma: PrismaClient;
  /** The users query's rule (services/users.ts): who the viewer may look up. */
  usersWhere: (viewer: Viewer, filter: { isActive: boolean; pendingApproval: boolean; kind: ['PERSON']; search: string }) => PrismaNamespace.UserWhereInput;
};

/** Tickets and people for a search box's text, best first; at most `first` (default 10, 1 to 50). */
export async function search(deps: SearchDeps, viewer: Viewer, text: string, first: number | null | undefined): Promise<SearchHit[]> {
  const limit = searchResultLimit(first);
  const terms = parseSearch(text);
  if (!terms?.prefixQuery) return [];
  const prefixTerms = { ...terms, prefixQuery: terms.prefixQuery };
  const [ticketRows, people] = await Promise.all([
    deps.sql.rows<TicketSearchRow>(searchTicketsSql(viewer, prefixTerms, limit)),
    deps.prisma.user.findMany({
      where: deps.usersWhere(viewer, { isActive: true, pendingApproval: false, kind: ['PERSON'], search: text.trim() }),
      orderBy: { displayName: 'asc' },
      take: Math.min(MAX_PEOPLE_RESULTS, limit),
    }),
  ]);
  const tickets = ticketRows.length ? await deps.prisma.ticket.findMany({ where: { id: { in: ticketRows.map((row) => row.id) } } }) : [];
  const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  const hits: SearchHit[] = [
    ...ticketRows.flatMap((row) => {
      const ticket = byId.get(row.id);
      return ticket ? [{ ticket, user: null, score: row.score, snippet: row.snippet }] : [];
    }),
    ...people.map((user) => ({ ticket: null, user, score: personScore(terms, user), snippet: null })),
  ];
  // Stable: tickets keep the statement's order among equal scores.
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
