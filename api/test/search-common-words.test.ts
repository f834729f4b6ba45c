// Search when words are common (services/search.ts, domain/search.ts documentSearch): the statement built from
// the search indexes' statistics reads rows or goes through a rarer word instead of reading a common word's whole
// posting list. Against a real database (PGlite here, PostgreSQL with DATABASE_URL): the statistics as ANALYZE
// leaves them, and the statement for statistics of a large table (the ways it takes at 100,000 tickets) over this
// small one, where each way must still find the same tickets, rank a title match first, and keep the read rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearch } from '../src/domain/search.ts';
import { viewerOf } from '../src/domain/viewer.ts';
import {
  forgetSearchStatistics,
  readSearchStatistics,
  type SearchStatistics,
  searchStatistics,
  searchTicketsSql,
  type TicketSearchRow,
} from '../src/services/search.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTicket, type Sessions, signInEveryone } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;
/** Tickets by who asked for them; every description holds "ubiquoword". */
const ids: { marketer: string[]; seller: string[] } = { marketer: [], seller: [] };
let titleMatch: string;
let lastTicket: string;

const BULK = 700;

/** The row id of a ticket made through the API (its GraphQL id is global: the type and the row id). */
async function databaseId(made: Promise<{ number?: unknown }>): Promise<string> {
  const { number } = await made;
  return (await t.db.prisma.ticket.findUniqueOrThrow({ where: { number: Number(number) }, select: { id: true } })).id;
}

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  const people = await t.db.prisma.user.findMany({ where: { username: { in: ['marketer', 'seller'] } } });
  const person = (username: string) => people.find((user) => user.username === username)!;
  await t.db.prisma.ticket.createMany({
    data: Array.from({ length: BULK }, (_, i) => {
      const requester = person(i % 2 ? 'seller' : 'marketer');
      return {
        title: `Ordinary request ${i}`,
        description: `The ubiquoword brief, part ${i}`,
        requesterId: requester.id,
        departmentId: requester.departmentId!,
      };
    }),
  });
  // The title match and the one with a word no other ticket has come last, as the newest tickets do.
  titleMatch = await databaseId(createTicket(t, s.marketer.token, { title: 'Ubiquoword launch poster', description: 'Lobby screens.' }));
  lastTicket = await databaseId(createTicket(t, s.marketer.token, { title: 'Zanzibarword sticker', description: 'The ubiquoword one.' }));
  for (const ticket of await t.db.prisma.ticket.findMany({ select: { id: true, requesterId: true } })) {
    if (ticket.id === titleMatch || ticket.id === lastTicket) continue;
    ids[ticket.requesterId === person('seller').id ? 'seller' : 'marketer'].push(ticket.id);
  }
  await t.db.prisma.comment.createMany({
    data: ids.marketer.slice(0, 300).map((ticketId) => ({ ticketId, authorId: person('marketer').id, body: 'Ubiquoword note for the team' })),
  });
  await t.db.prisma.$executeRawUnsafe('ANALYZE "Ticket"');
  await t.db.prisma.$executeRawUnsafe('ANALYZE "Comment"');
  forgetSearchStatistics(t.db.sql);
}, 180_000);
afterAll(() => t?.close());

type Hit = { score: number; ticket: { title: string } | null };
const SEARCH = 'query ($query: String!, $first: Int) { search(query: $query, first: $first) { score ticket { title } } }';

/** The ranked-tickets statement for `username`, built for the given statistics, run on the test database. */
async function ticketsFor(username: 'admin' | 'marketer' | 'seller', text: string, statistics: SearchStatistics, limit = 50): Promise<TicketSearchRow[]> {
  const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username }, include: { department: true } });
  const terms = parseSearch(text)!;
  return t.db.sql.rows<TicketSearchRow>(searchTicketsSql(viewerOf(user), { ...terms, prefixQuery: terms.prefixQuery! }, limit, statistics));
}

/** Statistics of tables as large as the benchmark's, where the given words are in the given shares of rows (titles too). */
function atScale(shares: Record<string, number>): SearchStatistics {
  const common = new Map(Object.entries(shares));
  return { titles: { rows: 100_000, common }, tickets: { rows: 100_000, common }, comments: { rows: 345_776, common } };
}

describe('search: the indexes statistics', () => {
  it('reads the shares ANALYZE found, and the request ranks the title match first', async () => {
    const statistics = await readSearchStatistics(t.db.sql);
    expect(statistics.tickets.rows).toBeGreaterThanOrEqual(BULK);
    expect(statistics.tickets.common.get('ubiquoword')).toBeGreaterThan(0.9);
    expect(statistics.comments.common.get('ubiquoword')).toBeGreaterThan(0.9);
    expect((await searchStatistics(t.db.sql)).tickets.common.get('ubiquoword')).toBeGreaterThan(0.9);

    const hits = (await t.ok<{ search: Hit[] }>(SEARCH, { query: 'ubiquoword', first: 5 }, s.marketer.token)).search;
    expect(hits[0]?.ticket?.title).toBe('Ubiquoword launch poster');
    expect(hits).toHaveLength(5);
  });
});

describe('search: a word in most rows, the ways taken at 100,000 tickets', () => {
  const common = atScale({ ubiquoword: 1, note: 0.3, team: 0.3, for: 0.3 });

  it('reading rows: the title match still ranks first (among 702 matches, 200 candidates), and each viewer gets only what they may read', async () => {
    const admin = await ticketsFor('admin', 'ubiquoword', common, 5);
    expect(admin[0]?.id).toBe(titleMatch);
    expect(admin[0]!.score).toBeGreaterThan(admin[1]!.score);

    const seller = await ticketsFor('seller', 'ubiquoword', common);
    expect(seller).toHaveLength(50);
    expect(seller.every((row) => ids.seller.includes(row.id))).toBe(true);
    const marketer = await ticketsFor('marketer', 'ubiquoword', common);
    expect(marketer[0]?.id).toBe(titleMatch);
    expect(marketer.every((row) => row.id === titleMatch || row.id === lastTicket || ids.marketer.includes(row.id))).toBe(true);
  });

  it('a rare word beside a common one: found through the rare word, the common one checked', async () => {
    const rows = await ticketsFor('admin', 'ubiquoword zanzibarword', common);
    expect(rows.map((row) => row.id)).toEqual([lastTicket]);
    // The read rule holds.
    expect(await ticketsFor('seller', 'ubiquoword zanzibarword', common)).toEqual([]);
  });

  it('comment words checked row by row: the comment is found and shown, and not by a viewer who may not read it', async () => {
    const rows = await ticketsFor('marketer', 'team note', common);
    expect(rows).toHaveLength(50);
    expect(rows.every((row) => ids.marketer.includes(row.id))).toBe(true);
    expect(rows[0]?.snippet).toContain('Ubiquoword note for the team');
    expect(await ticketsFor('seller', 'team note', common)).toEqual([]);
  });

  it('words the statistics call frequent together that meet in one row only: the exact way after the guess finds it', async () => {
    // Said to be in 90 % of rows with "ubiquoword": the guess reads 669 rows (three times 200 / 0.9), the
    // bulk tickets, finds nothing there, and the index finds the one ticket.
    const rows = await ticketsFor('admin', 'ubiquoword zanzibarword', atScale({ ubiquoword: 1, zanzibarword: 0.9 }));
    expect(rows.map((row) => row.id)).toEqual([lastTicket]);
  });
});
