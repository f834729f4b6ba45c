// The normalized cache with the app's rules, driven by a fake transport: an event moves a ticket between
// cached lists at once (no network round trip) and asks open lists to re-query in the background.
import { Client, type Exchange, gql, makeResult, type Operation, type OperationResult } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { filter, fromValue, makeSubject, map, merge, mergeMap, pipe, share, subscribe } from 'wonka';
import { appCacheExchange } from './cache';
import { ticketListsChanged } from './ticket-lists';

const board = gql`
  query TwoColumns($approved: TicketFilter!, $inProgress: TicketFilter!) {
    approved: tickets(filter: $approved) {
      totalCount
      nodes {
        id
        status
        title
      }
    }
    inProgress: tickets(filter: $inProgress) {
      totalCount
      nodes {
        id
        status
        title
      }
    }
  }
`;

const events = gql`
  subscription Events {
    ticketEvents {
      eventId
      type
      ticket {
        id
        status
        title
      }
    }
  }
`;

const ticket = (status: string) => ({ __typename: 'Ticket', id: 'T1', status, title: 'Launch banner' });
const connection = (nodes: unknown[]) => ({ __typename: 'QueryTicketsConnection', totalCount: nodes.length, nodes });

function setup() {
  const pushed = makeSubject<{ operation: Operation; data: Record<string, unknown> }>();
  let queriesSent = 0;
  const fake: Exchange = () => (operations$) => {
    const shared = pipe(operations$, share);
    const queries = pipe(
      shared,
      filter((operation) => operation.kind === 'query'),
      mergeMap((operation) => {
        queriesSent += 1;
        return fromValue(makeResult(operation, { data: { __typename: 'Query', approved: connection([ticket('APPROVED')]), inProgress: connection([]) } }));
      }),
    );
    const subscriptions = pipe(
      pushed.source,
      map(({ operation, data }) => makeResult(operation, { data }) as OperationResult),
    );
    return merge([queries, subscriptions]);
  };
  const client = new Client({ url: 'http://fake/graphql', exchanges: [appCacheExchange, fake] });
  return { client, pushed, queriesSent: () => queriesSent };
}

describe('app cache', () => {
  it('moves a ticket between cached lists as soon as its event arrives', async () => {
    const { client, pushed, queriesSent } = setup();
    const variables = { approved: { status: ['APPROVED'] }, inProgress: { status: ['IN_PROGRESS'] } };
    const seen: { approved: string[]; inProgress: string[] }[] = [];
    const names = (list: { nodes: { id: string }[] }) => list.nodes.map((node) => node.id);
    const { unsubscribe } = pipe(
      client.query(board, variables),
      subscribe((result) => {
        if (result.data) seen.push({ approved: names(result.data.approved), inProgress: names(result.data.inProgress) });
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.at(-1)).toEqual({ approved: ['T1'], inProgress: [] });
    const sentBefore = queriesSent();
    const ticksBefore = ticketListsChanged();

    const operation = client.createRequestOperation('subscription', { key: 1, query: events, variables: {} });
    // The subscription must be active in the cache for its result to be written.
    const live = pipe(
      client.executeRequestOperation(operation),
      subscribe(() => {}),
    );
    pushed.next({
      operation,
      data: { __typename: 'Subscription', ticketEvents: { __typename: 'TicketEvent', eventId: '9', type: 'STATUS_CHANGED', ticket: ticket('IN_PROGRESS') } },
    });

    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.at(-1)).toEqual({ approved: [], inProgress: ['T1'] });
    expect(queriesSent()).toBe(sentBefore); // moved from the event alone, before any re-query
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ticketListsChanged()).toBeGreaterThan(ticksBefore); // open lists then re-query for exact counts
    live.unsubscribe();
    unsubscribe();
  });
});
