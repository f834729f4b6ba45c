import { type ExecutionResult, execute, GraphQLError, parse, buildSchema as sdl } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createSubscriptionSharer } from './shared-subscription-execution.ts';

type Viewer = { id: string; role: 'ADMIN' | 'MANAGER' | 'MEMBER' };
type Item = { id: string; ownerId: string; email: string; secretForAdmins: boolean };
type Event = { item: Item };

/** Every resolver call, by field: the sharing is visible as fewer calls. */
function testSchema(calls: Map<string, number>, counting: { on: boolean }) {
  const schema = sdl(`
    type Item { id: ID! title(prefix: String): String! email: String actions: [String!]! adminNote: String }
    type Event { item: Item! }
    type Query { noop: Boolean }
    type Subscription { events(filter: String): Event! }
  `);
  const count = (field: string) => counting.on && calls.set(field, (calls.get(field) ?? 0) + 1);
  const item = schema.getType('Item') as unknown as { getFields(): Record<string, { resolve?: unknown }> };
  const fields = item.getFields();
  fields.title!.resolve = (source: Item, args: { prefix?: string }) => {
    count('title');
    return `${args.prefix ?? ''}${source.id}`;
  };
  fields.email!.resolve = (source: Item, _args: unknown, ctx: { viewer: Viewer }) => {
    count('email');
    return ctx.viewer.id === source.ownerId || ctx.viewer.role !== 'MEMBER' ? source.email : null;
  };
  fields.actions!.resolve = (_source: Item, _args: unknown, ctx: { viewer: Viewer }) => {
    count('actions');
    return ctx.viewer.role === 'ADMIN' ? ['DELETE', 'EDIT'] : ['COMMENT'];
  };
  // Reads the viewer only for some events: what an earlier event taught about who may share is not enough.
  fields.adminNote!.resolve = (source: Item, _args: unknown, ctx: { viewer: Viewer }) => {
    count('adminNote');
    if (!source.secretForAdmins) return null;
    if (ctx.viewer.role !== 'ADMIN') throw new GraphQLError('Only admins.', { extensions: { code: 'FORBIDDEN' } });
    return 'admin note';
  };
  return schema;
}

/** A hub: every subscriber's source stream yields the same event objects, like realtime/ticket-event-stream. */
function createHub() {
  const listeners = new Set<(event: Event) => void>();
  return {
    publish: (event: Event) => {
      for (const listener of listeners) listener(event);
    },
    stream: () =>
      new Repeater<Event>(async (push, stop) => {
        const listener = (event: Event) => void push(event);
        listeners.add(listener);
        await stop;
        listeners.delete(listener);
      }),
  };
}

const ADMIN_1: Viewer = { id: 'a1', role: 'ADMIN' };
const ADMIN_2: Viewer = { id: 'a2', role: 'ADMIN' };
const MANAGER: Viewer = { id: 'm1', role: 'MANAGER' };
const OWNER: Viewer = { id: 'u1', role: 'MEMBER' };
const OTHER_MEMBER: Viewer = { id: 'u2', role: 'MEMBER' };
const VIEWERS = [ADMIN_1, ADMIN_2, MANAGER, OWNER, OTHER_MEMBER];

async function setUp(query: string, viewers: Viewer[], variables?: (viewer: Viewer, index: number) => Record<string, unknown>) {
  const calls = new Map<string, number>();
  // The unshared executions the results are compared with do not count.
  const counting = { on: true };
  const schema = testSchema(calls, counting);
  const hub = createHub();
  const rootValue = { events: () => hub.stream() };
  (schema.getSubscriptionType()!.getFields().events as { subscribe?: unknown; resolve?: unknown }).subscribe = () => hub.stream();
  (schema.getSubscriptionType()!.getFields().events as { resolve?: unknown }).resolve = (event: Event) => event;
  const sharer = createSubscriptionSharer({ sharedContextKeys: ['services'], viewerKey: 'viewer', eventOnlyRootFields: ['events'] });
  const document = parse(query);
  const subscribers = await Promise.all(
    viewers.map(async (viewer, index) => {
      const args = { schema, document, rootValue, contextValue: { viewer, services: {} }, variableValues: variables?.(viewer, index) ?? {} };
      const stream = (await sharer.subscribe(args)) as AsyncIterableIterator<ExecutionResult>;
      return { viewer, args, stream };
    }),
  );
  /** Publishes one event; resolves with what each subscriber received and what an unshared execution gives it. */
  async function publish(event: Event) {
    const pending = subscribers.map((subscriber) => subscriber.stream.next());
    hub.publish(event);
    const received = (await Promise.all(pending)).map((next) => next.value as ExecutionResult);
    counting.on = false;
    const own = await Promise.all(subscribers.map((subscriber) => execute({ ...subscriber.args, rootValue: event })));
    counting.on = true;
    return { received, own: JSON.parse(JSON.stringify(own)) as ExecutionResult[] };
  }
  const close = () => Promise.all(subscribers.map((subscriber) => subscriber.stream.return?.()));
  return { calls, publish, close, subscribers };
}

const item = (overrides: Partial<Item> = {}): Item => ({ id: 't1', ownerId: OWNER.id, email: 'owner@example.test', secretForAdmins: false, ...overrides });

describe('shared subscription execution', () => {
  it('executes a viewer-independent selection once per event for every subscriber, and hands each the same answer', async () => {
    const viewers = Array.from({ length: 50 }, (_, index) => VIEWERS[index % VIEWERS.length]!);
    const t = await setUp('subscription { events { item { id title } } }', viewers);
    for (const id of ['t1', 't2', 't3']) {
      const { received, own } = await t.publish({ item: item({ id }) });
      expect(JSON.parse(JSON.stringify(received))).toEqual(own);
      expect(new Set(received).size).toBe(1);
    }
    expect(t.calls.get('title')).toBe(3);
    await t.close();
  });

  it("never gives one viewer's email to a viewer who may not see it, and shares only between viewers answered alike", async () => {
    const viewers = [...VIEWERS, ...VIEWERS];
    const t = await setUp('subscription { events { item { id email actions } } }', viewers);
    for (let round = 0; round < 3; round += 1) {
      const { received, own } = await t.publish({ item: item({ id: `t${round}` }) });
      // Exactly what each would get alone: the owner and staff see the email, the other member does not.
      expect(JSON.parse(JSON.stringify(received))).toEqual(own);
      const emailOf = (index: number) => (received[index]!.data as { events: { item: { email: string | null } } }).events.item.email;
      expect(viewers.map((_, index) => emailOf(index))).toEqual(viewers.map((viewer) => (viewer === OTHER_MEMBER ? null : 'owner@example.test')));
      // A result object is only ever shared by subscribers of the same user (email reads the viewer's id).
      for (const [index, result] of received.entries()) {
        for (const [other, otherResult] of received.entries()) if (result === otherResult) expect(viewers[other]!.id).toBe(viewers[index]!.id);
      }
    }
    // Two subscriptions of each of the five users: once per user and event (after the first event, learned).
    expect(t.calls.get('email')).toBe(3 * 5);
    await t.close();
  });

  it('groups by what the execution read: the role, when only the role decides', async () => {
    const viewers = [ADMIN_1, ADMIN_2, MANAGER, OWNER, OTHER_MEMBER];
    const t = await setUp('subscription { events { item { actions } } }', viewers);
    await t.publish({ item: item() });
    const calls = t.calls.get('actions') ?? 0;
    const { received, own } = await t.publish({ item: item({ id: 't2' }) });
    expect(JSON.parse(JSON.stringify(received))).toEqual(own);
    // One execution per role (ADMIN, MANAGER, MEMBER), and the two admins got the very same result.
    expect((t.calls.get('actions') ?? 0) - calls).toBe(3);
    expect(received[0]).toBe(received[1]);
    expect(received[2]).not.toBe(received[0]);
    expect(received[3]).toBe(received[4]);
    await t.close();
  });

  it('checks every reuse against what the execution actually read, even when earlier events read less', async () => {
    const viewers = [ADMIN_1, OWNER, ADMIN_2, OTHER_MEMBER];
    const t = await setUp('subscription { events { item { id adminNote } } }', viewers);
    // First: nothing depends on the viewer, so everyone shares and the sharer learns "nothing to tell apart".
    const first = await t.publish({ item: item() });
    expect(JSON.parse(JSON.stringify(first.received))).toEqual(first.own);
    // Then an event whose answer depends on the role: members get FORBIDDEN (masked later like any error), admins the note.
    const second = await t.publish({ item: item({ secretForAdmins: true }) });
    expect(JSON.parse(JSON.stringify(second.received))).toEqual(second.own);
    expect(second.received[0]!.data).toEqual({ events: { item: { id: 't1', adminNote: 'admin note' } } });
    expect(second.received[1]!.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(second.received[3]!.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(second.received[2]!.errors).toBeUndefined();
    await t.close();
  });

  it('does not share between different variables, except those only the event-only root field reads', async () => {
    const t = await setUp(
      'subscription ($prefix: String, $filter: String) { events(filter: $filter) { item { title(prefix: $prefix) } } }',
      [ADMIN_1, ADMIN_1, ADMIN_1, ADMIN_1],
      (_viewer, index) => ({ prefix: index < 2 ? 'a:' : 'b:', filter: `f${index}` }),
    );
    const { received, own } = await t.publish({ item: item() });
    expect(JSON.parse(JSON.stringify(received))).toEqual(own);
    expect(received.map((result) => (result.data as { events: { item: { title: string } } }).events.item.title)).toEqual(['a:t1', 'a:t1', 'b:t1', 'b:t1']);
    expect(t.calls.get('title')).toBe(2);
    await t.close();
  });

  it('delivers every event to every subscriber exactly once, in order', async () => {
    const viewers = [...VIEWERS, ...VIEWERS, ...VIEWERS];
    const t = await setUp('subscription { events { item { id email } } }', viewers);
    const seen: string[][] = viewers.map(() => []);
    for (let index = 0; index < 20; index += 1) {
      const { received } = await t.publish({ item: item({ id: `t${index}` }) });
      for (const [subscriber, result] of received.entries()) {
        seen[subscriber]!.push((result.data as { events: { item: { id: string } } }).events.item.id);
      }
    }
    const expected = Array.from({ length: 20 }, (_, index) => `t${index}`);
    for (const ids of seen) expect(ids).toEqual(expected);
    await t.close();
  });
});
