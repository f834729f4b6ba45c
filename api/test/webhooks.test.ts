// Signed webhooks (issue 24), against a real database and a local receiver on 127.0.0.1: each event arrives
// once (after retries), signed (verified with the standardwebhooks package), in order per ticket; a member's
// webhook never carries a ticket the member cannot read; redirects are not followed; deliveries die after the
// give-up time and an endpoint that keeps failing is turned off with a notice to its owner; without
// WEBHOOK_ALLOW_PRIVATE_TARGETS loopback is refused when the webhook is made and when it is sent.
import { Webhook as Verifier } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { TICKET_EVENT_TYPES } from '../src/domain/vocabulary.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, DEMO_PEOPLE, type DemoPerson, gid, rawId, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';
import { sleep } from './support/ws.ts';

const ALL_EVENTS = [...TICKET_EVENT_TYPES];

const CREATE = `mutation ($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id url events enabled owner { username } } }
}`;
const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`;

type Created = { secret: string; webhook: { id: string; url: string; events: string[]; enabled: boolean; owner: { username: string } } };
type Payload = { type: string; timestamp: string; data: { eventId: string; type: string; ticket: { id: string; title: string; number: number } } };

/** The tests' "day" of retries: long enough that a loaded machine never gives up on a delivery meant to succeed. */
const GIVE_UP_MS = 60_000;

const payloadOf = (body: string) => JSON.parse(body) as Payload;

/** Sends until no delivery of these webhooks is pending (or they are turned off). */
async function drain(t: TestApp, webhookIds: readonly string[], timeoutMs = 15_000): Promise<void> {
  const ids = webhookIds.map(rawId);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    await t.app.webhooks.runOnce();
    const pending = await t.db.prisma.webhookDelivery.count({ where: { webhookId: { in: ids }, status: 'PENDING', webhook: { enabled: true } } });
    if (pending === 0) return;
    await sleep(15);
  }
  throw new Error('webhook deliveries still pending');
}

describe('webhooks with loopback allowed', () => {
  let t: TestApp;
  let s: Sessions;
  let receiver: WebhookReceiver;
  const made: string[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
      app: { webhooks: { dispatcher: false, baseMs: 20, capMs: 80, giveUpAfterMs: GIVE_UP_MS, disableAfterDead: 3, timeoutMs: 3_000 } },
    });
    s = await signInEveryone(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  // Each test hears only its own webhooks: the earlier ones are turned off.
  afterEach(() => t.db.prisma.webhook.updateMany({ where: { id: { in: made.map(rawId) } }, data: { enabled: false } }));

  async function makeWebhook(token: string, path: string, input: Record<string, unknown> = {}): Promise<Created> {
    const created = (await t.ok<{ createWebhook: Created }>(CREATE, { input: { url: `${receiver.origin}${path}`, events: ALL_EVENTS, ...input } }, token))
      .createWebhook;
    made.push(created.webhook.id);
    return created;
  }

  it('delivers each event once after two 500s, signed, in order per ticket, with the same id and bytes on every attempt', async () => {
    // Every message fails twice, then succeeds.
    receiver.on('/retry', (request, earlier) => {
      const same = earlier.filter((other) => other.headers['webhook-id'] === request.headers['webhook-id']);
      return same.length <= 2 ? { status: 500, body: 'try again' } : { status: 200, body: 'ok' };
    });
    const { secret, webhook } = await makeWebhook(s['marketing.manager'].token, '/retry');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhook).toMatchObject({ enabled: true, owner: { username: 'marketing.manager' } });

    const ticket = await createTicket(t, s.marketer.token, { title: 'Hooked banner' });
    await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, description: 'now with a deadline' }, s.marketer.token);
    await t.ok(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
      { input: { ticketId: ticket.id, body: 'hi' } },
      s.marketer.token,
    );
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
    await drain(t, [webhook.id]);

    const events = await t.db.prisma.activityLog.findMany({ where: { ticketId: rawId(ticket.id) }, orderBy: { id: 'asc' } });
    expect(events.map((event) => event.eventType)).toEqual(['CREATED', 'UPDATED', 'COMMENTED', 'STATUS_CHANGED']);
    const received = receiver.to('/retry');
    const verifier = new Verifier(secret);
    for (const request of received) {
      // Throws unless the signature over id, timestamp and body is the secret's.
      verifier.verify(request.body, request.headers as Record<string, string>);
      expect(request.headers['content-type']).toBe('application/json');
    }
    // In order: every attempt of an event before the next event's first.
    const ids = events.map((event) => event.id.toString());
    expect(received.map((request) => payloadOf(request.body).data.eventId)).toEqual(ids.flatMap((id) => [id, id, id]));
    // Each event's three attempts: one webhook-id, one body.
    for (const id of ids) {
      const attempts = received.filter((request) => payloadOf(request.body).data.eventId === id);
      expect(new Set(attempts.map((request) => request.headers['webhook-id'])).size).toBe(1);
      expect(new Set(attempts.map((request) => request.body)).size).toBe(1);
    }
    const first = payloadOf(received[0]!.body);
    expect(first).toMatchObject({
      type: 'ticket.created',
      data: { type: 'CREATED', ticket: { id: ticket.id, title: 'Hooked banner', number: ticket.number } },
    });
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: rawId(webhook.id) } });
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts, delivery.responseStatus])).toEqual(ids.map(() => ['SUCCEEDED', 3, 200]));

    // The log, newest first, and a redelivery: a new delivery of the same event, same webhook-id and bytes.
    const log = await t.ok(
      `query ($id: ID!) { node(id: $id) { ... on Webhook { deliveries(first: 10) { totalCount edges { node { id eventId status attempts responseStatus messageId } } } } } }`,
      { id: webhook.id },
      s['marketing.manager'].token,
    );
    const nodes = log.node.deliveries.edges.map((edge: { node: { id: string; eventId: string; messageId: string } }) => edge.node);
    expect(nodes.map((node: { eventId: string }) => node.eventId)).toEqual([...ids].reverse());
    const again = await t.ok(
      `mutation ($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) { delivery { id status messageId redeliveryOfId } } }`,
      { input: { id: nodes.at(-1).id } },
      s['marketing.manager'].token,
    );
    expect(again.redeliverWebhookDelivery.delivery).toMatchObject({ status: 'PENDING', messageId: nodes.at(-1).messageId, redeliveryOfId: nodes.at(-1).id });
    const before = receiver.to('/retry').length;
    await drain(t, [webhook.id]);
    const resent = receiver.to('/retry').slice(before);
    expect(resent.map((request) => request.headers['webhook-id'])).toEqual([nodes.at(-1).messageId]);
    expect(resent[0]!.body).toBe(received[0]!.body);
    // Another manager may neither see nor redeliver it.
    expect(
      errorCodes(
        await t.gql(
          `mutation ($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) { delivery { id } } }`,
          { input: { id: nodes[0].id } },
          s['sales.manager'].token,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('honours Retry-After on a 429: the next attempt waits what the endpoint asked, then succeeds', async () => {
    receiver.on('/busy', (_request, earlier) => (earlier.length === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 }));
    const { webhook } = await makeWebhook(s.admin.token, '/busy', { events: ['CREATED'] });
    await createTicket(t, s.marketer.token, { title: 'Busy endpoint' });
    await t.app.webhooks.runOnce();
    const [waiting] = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: rawId(webhook.id) } });
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 429 });
    expect(waiting!.nextAttemptAt.getTime() - waiting!.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(2_000);
    await t.app.webhooks.runOnce();
    expect(receiver.to('/busy')).toHaveLength(1);
    await drain(t, [webhook.id]);
    expect(receiver.to('/busy')).toHaveLength(2);
    expect(await t.db.prisma.webhookDelivery.findFirst({ where: { webhookId: rawId(webhook.id) } })).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('two instances sending side by side deliver each event once, still in order per ticket', async () => {
    // A second instance on the same database, not listening: only its dispatcher is used.
    const other = await buildApp(t.config, { database: t.db, ownsDatabase: false, webhooks: { dispatcher: false, baseMs: 20, capMs: 80 } });
    receiver.on('/pair', () => ({ status: 200 }));
    const { webhook } = await makeWebhook(s.admin.token, '/pair', { events: ['CREATED', 'UPDATED', 'COMMENTED'] });
    const tickets = await Promise.all(['Pair 1', 'Pair 2', 'Pair 3'].map((title) => createTicket(t, s.marketer.token, { title })));
    for (const ticket of tickets) {
      await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, description: 'edited' }, s.marketer.token);
    }
    const id = rawId(webhook.id);
    const until = Date.now() + 15_000;
    while ((await t.db.prisma.webhookDelivery.count({ where: { webhookId: id, status: 'PENDING' } })) > 0 && Date.now() < until) {
      await Promise.all([t.app.webhooks.runOnce(), other.webhooks.runOnce(), t.app.webhooks.runOnce(), other.webhooks.runOnce()]);
    }
    await other.stop();
    const received = receiver.to('/pair').map((request) => payloadOf(request.body).data);
    const events = await t.db.prisma.activityLog.findMany({ where: { ticketId: { in: tickets.map((ticket) => rawId(ticket.id)) } }, orderBy: { id: 'asc' } });
    expect(received.map((event) => event.eventId).sort()).toEqual(events.map((event) => event.id.toString()).sort());
    for (const ticket of tickets) {
      const mine = received.filter((event) => event.ticket.id === ticket.id).map((event) => BigInt(event.eventId));
      expect(mine).toEqual([...mine].sort((a, b) => (a < b ? -1 : 1)));
      expect(mine).toHaveLength(2);
    }
  });

  it('a hanging endpoint holds at most 4 attempts at once: another endpoint of the same owner gets every event in the same pass, with the same bytes', async () => {
    const slowReceiver = await startWebhookReceiver();
    try {
      slowReceiver.on('/hang', () => ({ hang: true }));
      receiver.on('/beside', () => ({ status: 200 }));
      const created = (await t.ok<{ createWebhook: Created }>(CREATE, { input: { url: `${slowReceiver.origin}/hang`, events: ['CREATED'] } }, s.admin.token))
        .createWebhook;
      made.push(created.webhook.id);
      const { webhook } = await makeWebhook(s.admin.token, '/beside', { events: ['CREATED'] });
      const titles = ['Slot 1', 'Slot 2', 'Slot 3', 'Slot 4', 'Slot 5', 'Slot 6'];
      await Promise.all(titles.map((title) => createTicket(t, s.marketer.token, { title })));
      const started = Date.now();
      const pass = t.app.webhooks.runOnce();
      // Until both are seen (the fourth hanging request may reach the receiver after the healthy ones on a slow machine).
      const settled = () => receiver.to('/beside').length >= titles.length && slowReceiver.to('/hang').length >= 4;
      while (!settled() && Date.now() - started < 2_500) await sleep(10);
      // Every event reached the healthy endpoint before the hanging one's attempts timed out (3 s), while only
      // 4 of them were in flight to the hanging one.
      expect(receiver.to('/beside')).toHaveLength(titles.length);
      expect(slowReceiver.to('/hang')).toHaveLength(4);
      expect(await pass).toBe(2 * titles.length);
      expect(slowReceiver.to('/hang')).toHaveLength(titles.length);
      // One rendering per event for one owner: the same bytes to both endpoints.
      const bodies = (requests: { body: string }[]) => requests.map((request) => request.body).sort();
      expect(bodies(slowReceiver.to('/hang'))).toEqual(bodies(receiver.to('/beside')));
      const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: { in: [rawId(webhook.id), rawId(created.webhook.id)] } } });
      expect(deliveries.filter((delivery) => delivery.webhookId === rawId(webhook.id)).map((delivery) => delivery.status)).toEqual(
        titles.map(() => 'SUCCEEDED'),
      );
      expect(deliveries.filter((delivery) => delivery.webhookId === rawId(created.webhook.id)).map((delivery) => delivery.status)).toEqual(
        titles.map(() => 'PENDING'),
      );
    } finally {
      await slowReceiver.close();
    }
  });

  it("sends nothing of a deactivated owner's webhook: later events are not even written for it, earlier ones are skipped", async () => {
    const { webhook } = await makeWebhook(s['sales.manager'].token, '/gone-owner', { events: ['CREATED', 'UPDATED'] });
    const ticket = await createTicket(t, s.seller.token, { title: 'Before the owner left' });
    await t.ok(
      `mutation ($id: ID!) { updateUser(input: { id: $id, isActive: false }) { user { isActive } } }`,
      { id: s['sales.manager'].globalId },
      s.admin.token,
    );
    await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, description: 'after' }, s.seller.token);
    await drain(t, [webhook.id]);
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: rawId(webhook.id) } });
    expect(deliveries.map((delivery) => [delivery.eventType, delivery.status, delivery.lastError])).toEqual([
      ['CREATED', 'SKIPPED', 'The webhook’s owner is not active.'],
    ]);
    expect(receiver.to('/gone-owner')).toHaveLength(0);
    // Back, with a new session (deactivation ended the old one) for the tests after this one.
    await t.db.prisma.user.update({ where: { id: s['sales.manager'].id }, data: { isActive: true } });
    s['sales.manager'] = { ...s['sales.manager'], token: (await t.login('sales.manager')).accessToken };
  });

  it('does not follow a redirect: a 302 is a failed delivery and the target never hears of it', async () => {
    receiver.on('/moved', () => ({ status: 302, headers: { location: `${receiver.origin}/elsewhere` } }));
    const { webhook } = await makeWebhook(s.admin.token, '/moved', { events: ['CREATED'] });
    await createTicket(t, s.marketer.token, { title: 'Redirected' });
    await drain(t, [webhook.id]);
    const [delivery] = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: rawId(webhook.id) } });
    expect(delivery).toMatchObject({ status: 'DEAD', responseStatus: 302, attempts: 1 });
    expect(receiver.to('/moved')).toHaveLength(1);
    expect(receiver.to('/elsewhere')).toHaveLength(0);
  });

  it('marks a delivery DEAD once it failed past the give-up time, and turns the endpoint off after 3 dead ones with a notice to its owner', async () => {
    receiver.on('/down', () => ({ status: 503 }));
    const { webhook } = await makeWebhook(s['marketing.manager'].token, '/down', { events: ['CREATED'] });
    for (const title of ['Down 1', 'Down 2', 'Down 3']) await createTicket(t, s.marketer.token, { title });
    // As if they had been failing for almost the whole give-up time: a second more and they are DEAD.
    await t.db.prisma.webhookDelivery.updateMany({
      where: { webhookId: rawId(webhook.id) },
      data: { createdAt: new Date(Date.now() - GIVE_UP_MS + 1_000) },
    });
    await drain(t, [webhook.id]);
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: rawId(webhook.id) } });
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('DEAD');
      expect(delivery.attempts).toBeGreaterThanOrEqual(1);
      expect(delivery.lastError).toMatch(/HTTP 503; gave up after \d+ attempts/);
    }
    const row = await t.db.prisma.webhook.findUniqueOrThrow({ where: { id: rawId(webhook.id) } });
    expect(row).toMatchObject({ enabled: false, consecutiveDead: 3 });
    expect(row.disabledReason).toMatch(/3 deliveries in a row/);
    const notices = await t.db.prisma.notification.findMany({ where: { recipientId: s['marketing.manager'].id, kind: 'WEBHOOK_DISABLED' } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('/down');
    // Off: new events are not even written for it; turned back on, it starts again from a clean count.
    await createTicket(t, s.marketer.token, { title: 'While off' });
    expect(await t.db.prisma.webhookDelivery.count({ where: { webhookId: rawId(webhook.id) } })).toBe(3);
    const on = await t.ok(
      `mutation ($input: UpdateWebhookInput!) { updateWebhook(input: $input) { webhook { enabled disabledReason consecutiveDeadDeliveries } } }`,
      { input: { id: webhook.id, enabled: true } },
      s['marketing.manager'].token,
    );
    expect(on.updateWebhook.webhook).toEqual({ enabled: true, disabledReason: null, consecutiveDeadDeliveries: 0 });
  });

  it("a member's webhook (made with the member's WRITE token) never carries a ticket the member cannot read, across every role", async () => {
    // Who may make one: not a member's session, not a READ token; a WRITE token or a manager's session.
    const readToken = (await t.ok(CREATE_TOKEN, { input: { name: 'r', scopes: ['READ'] } }, s.marketer.token)).createApiToken.token;
    const input = { url: `${receiver.origin}/nope`, events: ['CREATED'] };
    expect(errorCodes(await t.gql(CREATE, { input }, s.marketer.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(CREATE, { input }, readToken))).toEqual(['FORBIDDEN']);

    const owners = new Map<string, DemoPerson>();
    for (const person of DEMO_PEOPLE) {
      const member = ['designer', 'designer2', 'marketer', 'seller'].includes(person);
      const token = member
        ? (await t.ok(CREATE_TOKEN, { input: { name: 'hooks', scopes: ['WRITE'] } }, s[person].token)).createApiToken.token
        : s[person].token;
      const { webhook } = await makeWebhook(token, `/matrix/${person}`);
      owners.set(webhook.id, person);
    }
    // Tickets of every kind of reach: each department's requests, one assigned to a designer, one with a collaborator.
    const tickets = [
      await createTicket(t, s.marketer.token, { title: 'Marketing request' }),
      await createTicket(t, s.seller.token, { title: 'Sales request' }),
      await createTicket(t, s.designer.token, { title: 'Creative request' }),
      await ticketAt(t, s, 'IN_PROGRESS', { title: 'Assigned to designer' }),
      await createTicket(t, s['sales.manager'].token, { title: 'Sales manager request' }),
    ];
    const shared = await ticketAt(t, s, 'APPROVED', { title: 'Shared with designer2' });
    tickets.push(
      await ticketMutationOk(
        t,
        'assignTicket',
        'AssignTicketInput',
        { id: shared.id, assigneeId: s.designer.globalId, collaboratorIds: [s.designer2.globalId] },
        s['creative.manager'].token,
      ),
    );
    await drain(t, [...owners.keys()]);

    const ticketIds = new Set(tickets.map((ticket) => ticket.id));
    for (const person of DEMO_PEOPLE) {
      const heard = new Set(
        receiver
          .to(`/matrix/${person}`)
          .map((request) => payloadOf(request.body).data.ticket.id)
          .filter((id) => ticketIds.has(id)),
      );
      // What the person may read, asked of the API itself.
      const readable = new Set<string>();
      for (const ticket of tickets) {
        const answer = await t.gql(`query ($id: ID!) { ticket(id: $id) { id } }`, { id: ticket.id }, s[person].token);
        if (answer.data?.ticket) readable.add(ticket.id);
      }
      expect([...heard].sort(), person).toEqual([...readable].sort());
    }
    // The matrix means something: the seller reads some but not all, the admin all.
    const sellerHeard = new Set(receiver.to('/matrix/seller').map((request) => payloadOf(request.body).data.ticket.id));
    expect(sellerHeard.has(tickets[1]!.id)).toBe(true);
    expect(sellerHeard.has(tickets[0]!.id)).toBe(false);
    expect(new Set(receiver.to('/matrix/admin').map((request) => payloadOf(request.body).data.ticket.id))).toEqual(ticketIds);
    // Nor does their delivery log name them: no row is written for a ticket its owner may not read (the log would
    // show its id and what happened to it, a feed of every ticket in the system).
    // Through the API too: the Sales manager's log (they may not read the Marketing request either).
    // (One webhook's log per request: every webhook's in one is over the query cost, webhooks being priced at their bound.)
    const salesManagerWebhooks = await t.db.prisma.webhook.findMany({ where: { owner: { username: 'sales.manager' } }, select: { id: true } });
    const salesManagerLog = await Promise.all(
      salesManagerWebhooks.map(({ id }) =>
        t.gql(
          `query ($id: ID!) { node(id: $id) { ... on Webhook { owner { username } deliveries(first: 100) { edges { node { ticketId status } } } } } }`,
          { id: gid('Webhook', id) },
          s['sales.manager'].token,
        ),
      ),
    );
    expect(salesManagerLog.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const sellerWebhook = await t.db.prisma.webhook.findFirstOrThrow({ where: { owner: { username: 'seller' } } });
    const logged = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: sellerWebhook.id } });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((delivery) => delivery.ticketId !== tickets[0]!.id && delivery.status !== 'SKIPPED')).toBe(true);
    expect(JSON.stringify(salesManagerLog)).not.toContain(tickets[0]!.id);
    expect(JSON.stringify(salesManagerLog)).toContain(tickets[4]!.id);
  });

  it('lists the viewer’s webhooks (an admin every one) and lets only the owner or an admin change or delete one', async () => {
    const { webhook } = await makeWebhook(s['sales.manager'].token, '/listed', { events: ['CREATED'] });
    const listed = (token: string) => t.ok(`{ webhooks { id } }`, {}, token).then((data) => data.webhooks.map((hook: { id: string }) => hook.id));
    expect(await listed(s['sales.manager'].token)).toContain(webhook.id);
    expect(await listed(s['marketing.manager'].token)).not.toContain(webhook.id);
    expect(await listed(s.admin.token)).toContain(webhook.id);
    const DELETE = `mutation ($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { deletedWebhookId } }`;
    expect(errorCodes(await t.gql(DELETE, { input: { id: webhook.id } }, s['marketing.manager'].token))).toEqual(['NOT_FOUND']);
    expect((await t.ok(DELETE, { input: { id: webhook.id } }, s.admin.token)).deleteWebhook.deletedWebhookId).toBe(webhook.id);
    expect(await t.db.prisma.webhook.count({ where: { id: rawId(webhook.id) } })).toBe(0);
  });
});

describe('webhooks without WEBHOOK_ALLOW_PRIVATE_TARGETS', () => {
  let t: TestApp;
  let s: Sessions;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp({ app: { webhooks: { dispatcher: false } } });
    s = await signInEveryone(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('refuses loopback, private and link-local targets, other schemes and credentials when the webhook is made', async () => {
    const attempt = (url: string) => t.gql(CREATE, { input: { url, events: ['CREATED'] } }, s.admin.token);
    for (const url of [
      `${receiver.origin}/hook`,
      'http://localhost:9/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'ftp://example.com/hook',
      'https://user:pass@example.com/hook',
    ]) {
      const result = await attempt(url);
      expect(errorCodes(result), url).toEqual(['BAD_USER_INPUT']);
    }
    expect((await attempt(`${receiver.origin}/hook`)).errors![0]!.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(await t.db.prisma.webhook.count()).toBe(0);
  });

  it('refuses them again when sending (an IP literal, and a name that resolves to loopback): the receiver hears nothing', async () => {
    const admin = s.admin.id;
    const port = new URL(receiver.origin).port;
    // As if made while the setting was on (or the name pointed elsewhere then).
    const hooks = await Promise.all(
      [`${receiver.origin}/literal`, `http://localhost:${port}/named`].map((url) =>
        t.db.prisma.webhook.create({ data: { ownerId: admin, url, events: ['CREATED'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } }),
      ),
    );
    await createTicket(t, s.marketer.token, { title: 'Not to loopback' });
    await drain(
      t,
      hooks.map((hook) => Buffer.from(`Webhook:${hook.id}`).toString('base64')),
    );
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { webhookId: { in: hooks.map((hook) => hook.id) } } });
    expect(deliveries).toHaveLength(2);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('DEAD');
      expect(delivery.lastError).toMatch(/is a loopback address|does not resolve to a public address/);
    }
    expect(receiver.requests).toHaveLength(0);
  });
});
