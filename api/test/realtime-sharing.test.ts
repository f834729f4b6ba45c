// Subscription events are executed once per group of subscribers who would get the same answer
// (graphql/shared-subscription-execution.ts). Through the real app: every subscriber receives exactly what a
// query of its own returns for the same ticket, field-level rules included, each event once and in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBackgroundStatement, startTestApp, type TestApp } from './support/app.ts';
import { type DemoPerson, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

/** Viewer-dependent fields: the email (the user themselves, managers and admins), the viewer's actions. */
const TICKET = 'id status version availableActions viewerCanEdit requester { username email mustChangePassword } assignee { username email }';
const EVENTS = `subscription ($after: String, $filter: TicketEventFilter) {
  ticketEvents(afterEventId: $after, filter: $filter) { eventId type actor { username email } ticket { ${TICKET} } }
}`;

type Ticket = Record<string, unknown>;
type Event = { ticketEvents: { eventId: string; type: string; actor: { username: string; email: string | null } | null; ticket: Ticket | null } };

async function latestEventId(): Promise<string> {
  const newest = await t.db.prisma.activityLog.aggregate({ _max: { id: true } });
  return (newest._max.id ?? 0n).toString();
}

describe('ticketEvents shared between subscribers', () => {
  it('gives each subscriber what its own query returns, never a payload of a viewer with other rights, each event exactly once', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Shared fan-out' });
    // Readers of every kind (two admin tabs, managers, the requester, the assignee) and one who may not read it.
    const people: DemoPerson[] = ['admin', 'admin', 'marketing.manager', 'creative.manager', 'marketer', 'designer', 'designer', 'seller'];
    const clients = people.map((person) => wsClient(t.wsUrl, s[person].token));
    const after = await latestEventId();
    const subscriptions = clients.map((client) => collect<Event>(client, EVENTS, { after, filter: { ticketIds: [ticket.id] } }));
    // Subscribed once each has received the replay of nothing: give the server a moment to register them.
    await sleep(300);

    const changes = [
      () => ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token),
      () => ticketMutationOk(t, 'requestRevision', 'RequestRevisionInput', { id: ticket.id, reason: 'again' }, s.designer.token),
      () => ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token),
    ];
    for (const [index, change] of changes.entries()) {
      await change();
      const readers = subscriptions.filter((_, position) => people[position] !== 'seller');
      await Promise.all(readers.map((subscription) => subscription.until(index + 1)));
      // The ticket as each viewer's own query sees it now (nothing changes it until the next round).
      const own = await Promise.all(
        people.map((person) => t.ok<{ ticket: Ticket | null }>(`query ($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id: ticket.id }, s[person].token)),
      );
      for (const [position, subscription] of subscriptions.entries()) {
        if (people[position] === 'seller') continue;
        expect(subscription.received[index]!.ticketEvents.ticket, people[position]).toEqual(own[position]!.ticket);
      }
    }
    await sleep(300);

    const received = (person: number) => subscriptions[person]!.received.map((event) => event.ticketEvents);
    for (const [position, person] of people.entries()) {
      if (person === 'seller') {
        expect(received(position)).toEqual([]);
        continue;
      }
      const events = received(position);
      // Each change once, in commit order.
      expect(events.map((event) => event.type)).toEqual(['STATUS_CHANGED', 'STATUS_CHANGED', 'STATUS_CHANGED']);
      const ids = events.map((event) => BigInt(event.eventId));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(ids).size).toBe(3);
      expect(subscriptions[position]!.errors).toEqual([]);
    }
    // The field rules themselves: the requester's email reaches staff and the requester, not the assignee (a member).
    const emailSeenBy = (person: DemoPerson) => (received(people.indexOf(person))[0]!.ticket!.requester as { email: string | null }).email;
    expect(emailSeenBy('admin')).toBe('marketer@juan365.example');
    expect(emailSeenBy('marketing.manager')).toBe('marketer@juan365.example');
    expect(emailSeenBy('marketer')).toBe('marketer@juan365.example');
    expect(emailSeenBy('designer')).toBeNull();
    // The actor (the designer) sees their own email on the event; the other member (requester) does not.
    expect(received(people.indexOf('designer'))[0]!.actor?.email).toBe('designer@juan365.example');
    expect(received(people.indexOf('marketer'))[0]!.actor?.email).toBeNull();

    for (const subscription of subscriptions) subscription.stop();
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

describe('a ticket event brings its ticket', () => {
  let counted: TestApp;
  let sessions: Sessions;
  let statements = 0;
  beforeAll(async () => {
    // The background loops' statements (the webhook dispatcher's poll, a second) are not a delivery's cost.
    counted = await startTestApp({
      onQuery: (sql) => {
        if (!isBackgroundStatement(sql)) statements += 1;
      },
    });
    sessions = await signInEveryone(counted);
  });
  afterAll(() => counted.close());

  /** Waits until no statement ran for a quarter second: the subscribers' handshakes, or a delivery's reads, are over. */
  const settled = async () => {
    let seen: number;
    do {
      seen = statements;
      await sleep(250);
    } while (statements !== seen);
  };

  // The columns of the event's ticket come from the row the event was loaded with. When they were looked up again
  // per execution (through the node's read rule, once per subscriber's viewer), 5,000 subscribers exhausted the
  // pool: one change must cost the same statements whether one person or six people of every role watch it.
  it('delivering one change to six people costs the statements of delivering it to one', async () => {
    const ticket = await ticketAt(counted, sessions, 'IN_PROGRESS', { title: 'Counted fan-out' });
    const query = `subscription ($filter: TicketEventFilter) { ticketEvents(filter: $filter) { eventId ticket { id status title priority dueDate version } } }`;
    const costOfOneChange = async (people: DemoPerson[], title: string) => {
      const clients = people.map((person) => wsClient(counted.wsUrl, sessions[person].token));
      const subscriptions = clients.map((client) => collect<Event>(client, query, { filter: { ticketIds: [ticket.id] } }));
      // A fixed pause was too short on a loaded machine: a late handshake's statements counted as delivery.
      await settled();
      statements = 0;
      await ticketMutationOk(counted, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, title }, sessions.admin.token);
      const received = await Promise.all(subscriptions.map((subscription) => subscription.until(1)));
      await settled();
      const cost = statements;
      for (const events of received) expect(events[0]!.ticketEvents.ticket).toMatchObject({ id: ticket.id, title });
      for (const subscription of subscriptions) subscription.stop();
      await Promise.all(clients.map((client) => client.dispose()));
      return cost;
    };
    const one = await costOfOneChange(['admin'], 'Watched by one');
    const six = await costOfOneChange(['admin', 'marketing.manager', 'creative.manager', 'marketer', 'designer', 'admin'], 'Watched by six');
    expect(one).toBeGreaterThan(0);
    expect(six).toBe(one);
  });
});
