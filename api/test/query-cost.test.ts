// The cost limit over the wire: an operation is judged with its variables, so a page size sent as a variable
// costs what it costs written in the document, for the limit and for the rate limit alike, over HTTP and
// graphql-ws; an operation over the limit is refused with QUERY_TOO_COMPLEX and spends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/graphql/armor.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket } from './support/tickets.ts';
import { wsClient, wsQuery } from './support/ws.ts';

// bench/detail.ts's TicketDetail: the ticket page (workspace, comments, attachments, history) in one request.
const TICKET_PAGE = `query TicketDetail($id: ID!, $comments: Int!, $history: Int!) {
  ticket(id: $id) {
    id number title description status priority requestType fileFormat criteria quantity complexity
    estimatedHours actualHours scheduledStart scheduledEnd dueDate isOverdue revisionCount rejectionReason version
    viewerCanEdit availableActions createdAt updatedAt assignedAt startedAt completedAt closedAt deletedAt
    requester { id username displayName }
    department { id name }
    assignee { id username displayName }
    collaborators { id username displayName }
    productItems { quantity criteria product { id name } }
    comments(first: $comments) {
      totalCount
      nodes {
        id body createdAt
        author { id username displayName }
        replies { id body createdAt author { id username displayName } }
      }
    }
    attachments { id fileName mimeType size version width height createdAt viewerCanDelete uploader { id displayName } }
    history(first: $history) {
      totalCount
      nodes { id action createdAt fromStatus toStatus reason version actor { id displayName } changes { field from to } }
    }
  }
}`;
const TICKET_PAGE_LITERAL = TICKET_PAGE.replace(', $comments: Int!, $history: Int!', '')
  .replace('first: $comments', 'first: 40')
  .replace('first: $history', 'first: 100');
const NESTED = 'query Nested($tickets: Int, $comments: Int) { tickets(first: $tickets) { nodes { comments(first: $comments) { nodes { id body } } } } }';

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

describe('the cost limit judges the operation with its variables', () => {
  let t: TestApp;
  let admin: string;
  let ticketId: string;

  const post = async (query: string, variables?: Record<string, unknown>, accept = 'application/json') => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      remaining: Number(response.headers.get('x-ratelimit-remaining')),
      requested: Number(response.headers.get('x-query-cost-requested')),
      charged: Number(response.headers.get('x-query-cost-charged')),
      body: (await response.json()) as Answer,
    };
  };
  /**
   * What an operation was priced upfront (what decides whether it runs; what its answer did not use is given
   * back afterwards, rate-limit.test.ts), and that the budget moved by what it was charged.
   */
  const spent = async (query: string, variables?: Record<string, unknown>) => {
    const before = (await post('{ __typename }')).remaining;
    const answer = await post(query, variables);
    expect(before - answer.remaining).toBe(answer.charged);
    expect(answer.charged).toBeLessThanOrEqual(answer.requested);
    return { spent: answer.requested, body: answer.body };
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_POINTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '600' } });
    admin = (await t.login('admin')).accessToken;
    ticketId = (await createTicket(t, admin)).id;
  });
  afterAll(() => t?.close());

  it('charges a page size sent as a variable what the same size written in the document costs', async () => {
    const literal = await spent('{ tickets(first: 30) { nodes { id title requester { displayName } } } }');
    const variable = await spent('query ($n: Int) { tickets(first: $n) { nodes { id title requester { displayName } } } }', { n: 30 });
    expect(literal.body.errors).toBeUndefined();
    expect(variable.body.errors).toBeUndefined();
    expect(variable.spent).toBe(literal.spent);
    // (2 + (2 + 1 + 1 + (2 + 1))) × 30
    expect(literal.spent).toBe(270);
  });

  it('judges the ticket page in one request alike with its page sizes written or sent (40 comments, 100 history entries)', async () => {
    const literal = await spent(TICKET_PAGE_LITERAL, { id: ticketId });
    const variables = await spent(TICKET_PAGE, { id: ticketId, comments: 40, history: 100 });
    expect(literal.body.errors).toBeUndefined();
    expect(variables.body.errors).toBeUndefined();
    expect(variables.spent).toBe(literal.spent);
    expect(literal.spent).toBe(3093);
  });

  it('refuses a nested page blow-up sent through variables with QUERY_TOO_COMPLEX, spending nothing', async () => {
    const before = (await post('{ __typename }')).remaining;
    const refused = await post(NESTED, { tickets: 100, comments: 100 });
    expect(refused.body.data ?? undefined).toBeUndefined();
    expect(errorCodes(refused.body as never)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.body.errors![0]!.message).toBe('Query cost 60400 is over the limit of 10000.');
    expect(refused.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.maxCost, found: 60_400 });
    expect(refused.remaining).toBe(before);
    // The status of the other limits' refusals: 200 for application/json, 400 for graphql-response+json.
    expect(refused.status).toBe(200);
    const strict = await post(NESTED, { tickets: 100, comments: 100 }, 'application/graphql-response+json');
    expect(strict.status).toBe(400);
    expect(strict.body.errors![0]!.extensions).toEqual(refused.body.errors![0]!.extensions);
    expect((await post(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`, {}, 'application/graphql-response+json')).status).toBe(
      400,
    );
    // The same document with small pages runs.
    const small = await post(NESTED, { tickets: 2, comments: 2 });
    expect(small.body.errors).toBeUndefined();
  });

  it('prices a page size left out as the default page (50), so nested defaults are refused too', async () => {
    const missing = await spent('query ($n: Int) { tickets(first: $n) { nodes { id } } }', {});
    const fifty = await spent('{ tickets(first: 50) { nodes { id } } }');
    expect(missing.spent).toBe(fifty.spent);
    const nested = await post('{ tickets { nodes { comments { nodes { id body } } } } }');
    expect(errorCodes(nested.body as never)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(nested.body.errors![0]!.extensions).toMatchObject({ limit: 'cost', found: 15_200 });
  });

  it('judges operations over graphql-ws the same way, subscriptions included', async () => {
    const client = wsClient(t.wsUrl, admin);
    try {
      const query = await wsQuery(client, NESTED, { tickets: 100, comments: 100 });
      expect((query.errors as Answer['errors'])?.map((error) => error.extensions)).toEqual([
        { code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.maxCost, found: 60_400 },
      ]);
      // A subscription cannot nest pages (its root is one ticket), but aliased pages add up: 4 × 100 entries.
      const who = 'id username displayName department { id name members { id username displayName } }';
      const history = `history(first: $n) { nodes { id action createdAt actor { ${who} } changes { field from to } } }`;
      const comments = `comments(first: $n) { nodes { id body author { ${who} } replies { id body author { ${who} } } } }`;
      const subscription = `subscription Deep($n: Int) { ticketEvents { eventId ticket { id a: ${history} b: ${history} c: ${comments} d: ${comments} } } }`;
      const refused = await wsQuery(client, subscription, { n: 100 });
      const refusal = (refused.errors as Answer['errors'])?.[0];
      expect(refusal?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.maxCost });
      expect(refusal?.extensions?.found).toBeGreaterThan(QUERY_LIMITS.maxCost);
      // The socket still answers.
      expect((await wsQuery<{ viewer: { id: string } }>(client, '{ viewer { id } }')).data?.viewer.id).toBeTruthy();
    } finally {
      await client.dispose();
    }
  });
});
