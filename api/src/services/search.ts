// Search (the `search` query, issue 25): tickets the viewer may read and people, in one ranked list.
//
// Tickets in one statement (searchTicketsSql), under the read rule of services/ticket-visibility.ts as every
// other ticket read. A ticket is found by
//   - its number ("#123" or "123"), which always ranks first;
//   - the words of its title (Ticket_title_search_idx), so a ticket named by the words is always a candidate;
//   - the words of its title and description, each word a prefix (Ticket_search_idx, 'simple' configuration:
//     see the migration 20261206142700_search_indexes for why not 'english');
//   - a title close to the text (pg_trgm word similarity, Ticket_title_trgm_idx): typos and partial words;
//   - the words of one of its comments (Comment_search_idx).
// Each way is its own branch, bounded to CANDIDATES matches, so a word that every ticket has ("the") costs a
// bounded amount of ranking and headline work instead of all of it; ranking then happens over those candidates:
// number, then full-text rank (title words weigh more than description words) plus title similarity, a comment
// hit a little, ties to the newest. The branches take the first matches they meet, deliberately unordered: with
// ORDER BY "createdAt" the planner walked the tickets newest first whenever it guessed a prefix common (it
// guesses 2 % for any prefix when an index has under 100 common words), which for a word in no ticket read the
// whole table (1 s at 100,000 tickets against 2 ms through the indexes).
//
// A GIN index scan cannot stop early: it reads each word's whole posting list before the first row, LIMIT or
// not (345,776 entries, 61–67 ms, for "benchmark" in every comment). So each branch is planned here, from the
// indexes' own statistics (the most common words ANALYZE keeps, read once a minute): a common word is checked on
// rows read (every row until the candidates are found, or those a rarer word finds through the index) instead of
// read from its posting list; domain/search.ts documentSearch chooses by cost, and the exact index way still
// runs after a guess that stopped at its bound with too few.
import type { PrismaClient, Prisma as PrismaNamespace, Ticket, User } from '../db/generated/prisma/client.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import type { SqlReader } from '../db/sql-reader.ts';
import {
  type DocumentSearch,
  documentSearch,
  MAX_PEOPLE_RESULTS,
  NO_WORD_STATISTICS,
  parseSearch,
  personScore,
  type SearchTerms,
  searchResultLimit,
  typoText,
  type WordStatistics,
} from '../domain/search.ts';
import type { Viewer } from '../domain/viewer.ts';
import { visibleTicketsSql } from './ticket-visibility.ts';

/** How many matches of each branch are ranked. */
export const CANDIDATES = 200;

/** The indexed expressions, written exactly as in the migration so the planner matches them to the indexes. */
const TICKET_DOCUMENT = Prisma.sql`(setweight(to_tsvector('simple'::regconfig, t."title"), 'A') || setweight(to_tsvector('simple'::regconfig, t."description"), 'B'))`;
const TITLE_DOCUMENT = Prisma.sql`to_tsvector('simple'::regconfig, t."title")`;
const COMMENT_DOCUMENT = Prisma.sql`to_tsvector('simple'::regconfig, c."body")`;
/** Plain text: the client marks the words itself (no markup to escape). */
const HEADLINE_OPTIONS = 'MaxWords=20, MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … ", StartSel="", StopSel=""';

export type TicketSearchRow = { id: string; score: number; snippet: string | null };

/** What the statistics of the two search indexes say (domain/search.ts WordStatistics). */
export type SearchStatistics = { titles: WordStatistics; tickets: WordStatistics; comments: WordStatistics };

export const NO_SEARCH_STATISTICS: SearchStatistics = { titles: NO_WORD_STATISTICS, tickets: NO_WORD_STATISTICS, comments: NO_WORD_STATISTICS };

/**
 * One branch's candidates: the rows of `from` (a "Ticket" t, or a "Comment" c joined to its ticket t) that match,
 * at most CANDIDATES, the way domain/search.ts documentSearch chose. `document` is written on the alias, which
 * the rows a guess reads keep; `extra` is OR-ed with the words (the title's trigram match). A guess comes as two
 * CTEs, the rows it reads (`…Read`) and those that match (`…Guess`); the exact way after it runs only if the guess
 * found too few and stopped at its bound, both one-time filters: its index scan never starts otherwise.
 */
function branchSql(
  how: DocumentSearch,
  parts: {
    name: string;
    alias: 't' | 'c';
    select: PrismaNamespace.Sql;
    from: PrismaNamespace.Sql;
    document: PrismaNamespace.Sql;
    visible: PrismaNamespace.Sql;
    extra: PrismaNamespace.Sql | null;
  },
): { ctes: PrismaNamespace.Sql[]; hits: PrismaNamespace.Sql } {
  const tsquery = (text: string) => Prisma.sql`to_tsquery('simple'::regconfig, ${text})`;
  const orExtra = (words: PrismaNamespace.Sql) => (parts.extra ? Prisma.sql`(${words} OR ${parts.extra})` : words);
  const exact = Prisma.sql`SELECT ${parts.select} FROM ${parts.from} WHERE ${orExtra(Prisma.sql`${parts.document} @@ ${tsquery(how.query)}`)} AND ${parts.visible}`;
  const { guess } = how;
  if (!guess) return { ctes: [], hits: Prisma.sql`(${exact} LIMIT ${CANDIDATES})` };
  const read = Prisma.raw(`"${parts.name}Read"`);
  const found = Prisma.raw(`"${parts.name}Guess"`);
  const reading = guess.indexQuery === null ? Prisma.empty : Prisma.sql`${orExtra(Prisma.sql`${parts.document} @@ ${tsquery(guess.indexQuery)}`)} AND `;
  // ts_match_vq is @@ as a function: the planner never makes it an index condition, so common words are checked
  // on the rows read instead of read whole from their posting lists.
  const check = orExtra(Prisma.sql`ts_match_vq(${parts.document}, ${tsquery(guess.filterQuery)})`);
  return {
    ctes: [
      Prisma.sql`${read} AS (SELECT ${parts.select} FROM ${parts.from} WHERE ${reading}${parts.visible} LIMIT ${guess.rowsToRead})`,
      Prisma.sql`${found} AS (SELECT * FROM ${read} ${Prisma.raw(parts.alias)} WHERE ${check} LIMIT ${CANDIDATES})`,
    ],
    hits: Prisma.sql`(SELECT * FROM ${found})
  UNION ALL
  (${exact} AND (SELECT count(*) FROM ${found}) < ${CANDIDATES} AND (SELECT count(*) FROM ${read}) >= ${guess.rowsToRead} LIMIT ${CANDIDATES})`,
  };
}

/** The ranked tickets' ids, scores and snippets for terms with at least one word (parseSearch's prefixQuery). */
export function searchTicketsSql(
  viewer: Viewer,
  terms: SearchTerms & { prefixQuery: string },
  limit: number,
  statistics: SearchStatistics = NO_SEARCH_STATISTICS,
): PrismaNamespace.Sql {
  const visible = visibleTicketsSql(viewer, 't');
  const query = Prisma.sql`to_tsquery('simple'::regconfig, ${terms.prefixQuery})`;
  const byNumber =
    terms.number === null
      ? Prisma.empty
      : Prisma.sql`SELECT t."id", 1 AS "kind", NULL::text AS "body" FROM "Ticket" t WHERE t."number" = ${terms.number}::int AND ${visible}
  UNION ALL
  `;
  const typo = typoText(terms, statistics.titles);
  const ticketColumns = Prisma.sql`t."id", 2 AS "kind", NULL::text AS "body", t."title", t."description"`;
  // Titles alone first: a ticket named by the words is always among the candidates, however many descriptions
  // hold them too.
  const titles = branchSql(documentSearch(terms.words, statistics.titles, CANDIDATES), {
    name: 'title',
    alias: 't',
    select: ticketColumns,
    from: Prisma.sql`"Ticket" t`,
    document: TITLE_DOCUMENT,
    visible,
    extra: null,
  });
  const tickets = branchSql(documentSearch(terms.words, statistics.tickets, CANDIDATES), {
    name: 'ticket',
    alias: 't',
    select: ticketColumns,
    from: Prisma.sql`"Ticket" t`,
    document: TICKET_DOCUMENT,
    visible,
    extra: typo === null ? null : Prisma.sql`${typo} <% t."title"`,
  });
  const comments = branchSql(documentSearch(terms.words, statistics.comments, CANDIDATES), {
    name: 'comment',
    alias: 'c',
    select: Prisma.sql`c."ticketId" AS "id", 3 AS "kind", c."body"`,
    from: Prisma.sql`"Comment" c JOIN "Ticket" t ON t."id" = c."ticketId"`,
    document: COMMENT_DOCUMENT,
    visible,
    extra: null,
  });
  const ctes = [...titles.ctes, ...tickets.ctes, ...comments.ctes];
  return Prisma.sql`
WITH ${ctes.length ? Prisma.sql`${Prisma.join(ctes, ',\n')},\n` : Prisma.empty}hits AS (
  ${byNumber}SELECT "id", "kind", "body" FROM (${titles.hits}) titleHits
  UNION ALL
  SELECT "id", "kind", "body" FROM (${tickets.hits}) ticketHits
  UNION ALL
  SELECT "id", "kind", "body" FROM (${comments.hits}) commentHits
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

/**
 * The search indexes' word statistics, as PostgreSQL's ANALYZE left them (pg_stats of each expression index: its
 * most common words and their shares; autovacuum refreshes them as the tables change). Kept per database for a
 * minute: they move slowly, and reading them costs a round trip before the search statement.
 */
const STATISTICS_LIFETIME_MS = 60_000;
const statisticsCache = new WeakMap<SqlReader, { until: number; statistics: Promise<SearchStatistics> }>();

type StatisticsRow = { index: string; words: string[] | null; shares: number[] | null; rows: number };

export async function readSearchStatistics(sql: SqlReader): Promise<SearchStatistics> {
  const rows = await sql.rows<StatisticsRow>(Prisma.sql`
SELECT s."tablename" AS "index", s."most_common_elems"::text::text[] AS "words", s."most_common_elem_freqs"::float8[] AS "shares",
  i."reltuples"::float8 AS "rows"
FROM pg_stats s JOIN pg_class i ON i."relname" = s."tablename" AND i."relnamespace" = s."schemaname"::regnamespace
WHERE s."schemaname" = current_schema() AND s."tablename" IN ('Ticket_title_search_idx', 'Ticket_search_idx', 'Comment_search_idx')`);
  const of = (index: string): WordStatistics => {
    const row = rows.find((candidate) => candidate.index === index);
    if (!row?.words || !row.shares) return NO_WORD_STATISTICS;
    // most_common_elem_freqs lists the words' shares, then three more numbers (least, greatest, null share).
    const shares = row.shares;
    return { rows: Math.max(0, row.rows), common: new Map(row.words.map((word, i) => [word, shares[i] ?? 0])) };
  };
  return { titles: of('Ticket_title_search_idx'), tickets: of('Ticket_search_idx'), comments: of('Comment_search_idx') };
}

export function searchStatistics(sql: SqlReader): Promise<SearchStatistics> {
  const cached = statisticsCache.get(sql);
  if (cached && cached.until > Date.now()) return cached.statistics;
  const statistics = readSearchStatistics(sql).catch(() => NO_SEARCH_STATISTICS);
  statisticsCache.set(sql, { until: Date.now() + STATISTICS_LIFETIME_MS, statistics });
  return statistics;
}

/** Read the statistics again on the next search (a test that has just run ANALYZE). */
export function forgetSearchStatistics(sql: SqlReader): void {
  statisticsCache.delete(sql);
}

/** Tickets and people for a search box's text, best first; at most `first` (default 10, 1 to 50). */
export async function search(deps: SearchDeps, viewer: Viewer, text: string, first: number | null | undefined): Promise<SearchHit[]> {
  const limit = searchResultLimit(first);
  const terms = parseSearch(text);
  if (!terms?.prefixQuery) return [];
  const prefixTerms = { ...terms, prefixQuery: terms.prefixQuery };
  const [ticketRows, people] = await Promise.all([
    searchStatistics(deps.sql).then((statistics) => deps.sql.rows<TicketSearchRow>(searchTicketsSql(viewer, prefixTerms, limit, statistics))),
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
