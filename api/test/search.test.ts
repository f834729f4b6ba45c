// Query.search against a real database (PGlite here, PostgreSQL with DATABASE_URL): tickets by words of their
// description and comments, by number, by a mistyped title word; only tickets the viewer may read, for every
// role; people; ranking; and the limits a caller must keep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, DEMO_PEOPLE, type DemoPerson, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

type Hit = { score: number; snippet: string | null; ticket: { id: string; number: number; title: string } | null; user: { username: string } | null };

const SEARCH = `query ($query: String!, $first: Int) {
  search(query: $query, first: $first) { score snippet ticket { id number title } user { username } }
}`;

async function search(query: string, person: DemoPerson, first?: number): Promise<Hit[]> {
  return (await t.ok<{ search: Hit[] }>(SEARCH, { query, first }, s[person].token)).search;
}
const titles = (hits: Hit[]) => hits.flatMap((hit) => (hit.ticket ? [hit.ticket.title] : []));

/** The role matrix's tickets: one word (PALETTEWORD) in each description, so one search finds all a viewer may read. */
const matrix: Record<string, { id: string }> = {};
const idOf = (ticket: { id?: unknown }) => ({ id: String(ticket.id) });

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  // Marketing's request, still at its department's step: admin, marketer (requester), marketing.manager.
  matrix.marketingRequested = idOf(await createTicket(t, s.marketer.token, { title: 'Matrix marketing requested', description: 'A paletteword brief' }));
  // Sales' request: admin, seller, sales.manager.
  matrix.salesRequested = idOf(await createTicket(t, s.seller.token, { title: 'Matrix sales requested', description: 'Another paletteword brief' }));
  // Past the department step: Creative managers read it too.
  matrix.marketingCreative = idOf(await ticketAt(t, s, 'PENDING_CREATIVE', { title: 'Matrix marketing at creative', description: 'Paletteword at creative' }));
  // Assigned to designer: the assignee reads it.
  matrix.marketingAssigned = idOf(await ticketAt(t, s, 'ASSIGNED', { title: 'Matrix marketing assigned', description: 'Paletteword for the designer' }));
}, 180_000);
afterAll(() => t.close());

const READERS: Record<string, DemoPerson[]> = {
  marketingRequested: ['admin', 'marketer', 'marketing.manager'],
  salesRequested: ['admin', 'seller', 'sales.manager'],
  marketingCreative: ['admin', 'marketer', 'marketing.manager', 'creative.manager'],
  marketingAssigned: ['admin', 'marketer', 'marketing.manager', 'creative.manager', 'designer'],
};

describe('search: tickets', () => {
  it('finds a ticket by a word of its description, as a prefix, with the words around it', async () => {
    const ticket = await createTicket(t, s.marketer.token, {
      title: 'Autumn lookbook',
      description: 'Twelve stills of the marigold collection for the Instagram grid, warm light.',
    });
    for (const query of ['marigold', 'MARIG', 'marigold instagram']) {
      const hits = await search(query, 'marketer');
      expect(hits.map((hit) => hit.ticket?.id)).toContain(ticket.id);
    }
    const [hit] = await search('marigold', 'marketer');
    expect(hit?.ticket?.id).toBe(ticket.id);
    expect(hit?.snippet).toContain('marigold collection');
    // Every word must match: one that is nowhere excludes it.
    expect((await search('marigold zebracorn', 'marketer')).map((h) => h.ticket?.id)).not.toContain(ticket.id);
  });

  it('finds a ticket by a word of one of its comments, and shows that comment', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'Store opening teaser', description: 'A short teaser.' });
    await t.ok(
      'mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }',
      { input: { ticketId: ticket.id, body: 'Please use the saffron palette from the brand book.' } },
      s['marketing.manager'].token,
    );
    const hits = await search('saffron', 'marketer');
    expect(hits[0]?.ticket?.id).toBe(ticket.id);
    expect(hits[0]?.snippet).toContain('saffron palette');
  });

  it('finds a ticket by its number first, written as #123 or 123', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'Numbered one', description: 'Found by number.' });
    for (const query of [`#${ticket.number}`, String(ticket.number)]) {
      const hits = await search(query, 'marketer');
      expect(hits[0]?.ticket?.id).toBe(ticket.id);
      expect(hits[0]?.score).toBeGreaterThanOrEqual(10);
    }
    // Someone who may not read it does not get it by its number either.
    expect((await search(`#${ticket.number}`, 'seller')).map((hit) => hit.ticket?.id)).not.toContain(ticket.id);
  });

  it('finds a title word typed with a mistake (trigram similarity)', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'Quarterly kaleidoscope animation', description: 'Loop for the lobby screen.' });
    const hits = await search('kaleidoscpe', 'marketer');
    expect(hits.map((hit) => hit.ticket?.id)).toContain(ticket.id);
    // A full-text search alone would not find it: no word starts with the misspelling.
    expect(hits.find((hit) => hit.ticket?.id === ticket.id)?.snippet ?? '').not.toContain('kaleidoscpe');
  });

  it('ranks a title match above a description-only match, and tickets in the trash are not found', async () => {
    const inDescription = await createTicket(t, s.marketer.token, { title: 'Poster set', description: 'Mention of tangerine somewhere in the text.' });
    const inTitle = await createTicket(t, s.marketer.token, { title: 'Tangerine poster', description: 'Citrus theme.' });
    const hits = await search('tangerine', 'marketer');
    expect(hits.map((hit) => hit.ticket?.id)).toEqual([inTitle.id, inDescription.id]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);

    await t.ok('mutation ($input: DeleteTicketInput!) { deleteTicket(input: $input) { ticket { id } } }', { input: { id: inTitle.id } }, s.admin.token);
    expect((await search('tangerine', 'admin')).map((hit) => hit.ticket?.id)).toEqual([inDescription.id]);
  });

  it.each(DEMO_PEOPLE)('gives %s exactly the tickets they may read (role matrix)', async (person) => {
    const expected = Object.entries(READERS)
      .filter(([, readers]) => readers.includes(person))
      .map(([key]) => matrix[key]!.id)
      .sort();
    const found = (await search('paletteword', person, 50)).flatMap((hit) => (hit.ticket ? [hit.ticket.id] : [])).sort();
    expect(found).toEqual(expected);
  });

  it('never finds a ticket through the comments of one the viewer may not read', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'Internal only', description: 'Nothing to see.' });
    await t.ok(
      'mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }',
      { input: { ticketId: ticket.id, body: 'The quokkaword budget is final.' } },
      s.marketer.token,
    );
    expect(titles(await search('quokkaword', 'marketer'))).toEqual(['Internal only']);
    for (const person of ['seller', 'sales.manager', 'designer', 'designer2', 'creative.manager'] as const) {
      expect(await search('quokkaword', person)).toEqual([]);
    }
  });
});

describe('search: people', () => {
  it('finds active people by name or username, best match first, not deactivated ones', async () => {
    const hits = await search('designer', 'seller');
    const people = hits.flatMap((hit) => (hit.user ? [hit.user.username] : []));
    expect(people).toEqual(['designer', 'designer2']);

    await t.ok(
      'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }',
      { input: { id: s.designer2.globalId, isActive: false } },
      s.admin.token,
    );
    try {
      expect((await search('designer', 'seller')).flatMap((hit) => (hit.user ? [hit.user.username] : []))).toEqual(['designer']);
    } finally {
      await t.ok(
        'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }',
        { input: { id: s.designer2.globalId, isActive: true } },
        s.admin.token,
      );
    }
  });
});

describe('search: limits', () => {
  it('needs a session', async () => {
    expect(errorCodes(await t.gql(SEARCH, { query: 'banner' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses text over 200 characters and first outside 1 to 50, and answers blank text with nothing', async () => {
    expect(errorCodes(await t.gql(SEARCH, { query: 'a'.repeat(201) }, s.marketer.token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(SEARCH, { query: 'banner', first: 51 }, s.marketer.token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(SEARCH, { query: 'banner', first: 0 }, s.marketer.token))).toEqual(['BAD_USER_INPUT']);
    expect(await search('   ', 'marketer')).toEqual([]);
    // Punctuation is no query syntax: it is ignored, never an error.
    expect(errorCodes(await t.gql(SEARCH, { query: "paletteword & !(x:*) '" }, s.marketer.token))).toEqual([]);
  });

  it('returns at most first hits', async () => {
    expect(await search('paletteword', 'admin', 2)).toHaveLength(2);
  });
});
