// "At most N per person" holds when a person's creations race: the count and the insert share a lock on the
// owner (services/per-owner-limit.ts), so five creations at once one short of the limit leave exactly the limit.
// The same holds for "at most N replies per comment" (the count under a lock on the comment, ticket-actions.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPLIES_PER_COMMENT } from '../src/domain/comments.ts';
import { MAX_VIEWS_PER_PERSON } from '../src/domain/saved-views.ts';
import { MAX_WEBHOOKS_LISTED, MAX_WEBHOOKS_PER_OWNER } from '../src/domain/webhooks.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { gid, rawId, type Sessions, signInEveryone, ticketAt } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
  s = await signInEveryone(t);
});
afterAll(() => t.close());

type Answer = Awaited<ReturnType<TestApp['gql']>>;
/** The same uuid with its first `count` letters in upper case. */
function upperFirstLetters(uuid: string, count: number): string {
  let left = count;
  return uuid.replace(/[a-f]/g, (letter) => (left-- > 0 ? letter.toUpperCase() : letter));
}
const outcomes = (answers: Answer[]) => answers.map((answer) => (answer.errors ? errorCodes(answer).join() : 'created')).sort();

describe('limits per person under concurrent creation', () => {
  it(`keeps a person's webhooks at ${MAX_WEBHOOKS_PER_OWNER}, even when the last ones are made at once`, async () => {
    const owner = s['sales.manager'];
    await t.db.prisma.webhook.createMany({
      data: Array.from({ length: MAX_WEBHOOKS_PER_OWNER - 2 }, (_, index) => ({
        ownerId: owner.id,
        url: `http://127.0.0.1:9/existing/${index}`,
        events: ['CREATED'],
        secret: 'whsec_dGVzdA==',
      })),
    });
    const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) => t.gql(CREATE, { input: { url: `http://127.0.0.1:9/new/${index}`, events: ['CREATED'] } }, owner.token)),
    );
    expect(outcomes(answers)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'created', 'created']);
    expect(await t.db.prisma.webhook.count({ where: { ownerId: owner.id } })).toBe(MAX_WEBHOOKS_PER_OWNER);
    // Someone else is not limited by it.
    const other = await t.gql(CREATE, { input: { url: 'http://127.0.0.1:9/other', events: ['CREATED'] } }, s['marketing.manager'].token);
    expect(other.errors).toBeUndefined();
  });

  it(`lists at most ${MAX_WEBHOOKS_LISTED} webhooks to an admin, who sees everyone's, newest first`, async () => {
    const admin = s.admin;
    const base = Date.now();
    await t.db.prisma.webhook.createMany({
      data: Array.from({ length: MAX_WEBHOOKS_LISTED + 1 }, (_, index) => ({
        ownerId: admin.id,
        url: `http://127.0.0.1:9/listed/${index}`,
        enabled: false,
        events: ['CREATED'],
        secret: 'whsec_dGVzdA==',
        createdAt: new Date(base + 60_000 + index),
      })),
    });
    const listed = await t.ok<{ webhooks: { url: string }[] }>('{ webhooks { url } }', {}, admin.token);
    expect(listed.webhooks).toHaveLength(MAX_WEBHOOKS_LISTED);
    expect(listed.webhooks[0]?.url).toBe(`http://127.0.0.1:9/listed/${MAX_WEBHOOKS_LISTED}`);
  });

  it(`keeps a person's saved views at ${MAX_VIEWS_PER_PERSON}, even when the last ones are saved at once`, async () => {
    const owner = s.designer;
    await t.db.prisma.savedView.createMany({
      data: Array.from({ length: MAX_VIEWS_PER_PERSON - 2 }, (_, index) => ({ ownerId: owner.id, name: `View ${index}`, page: 'LIST', filter: {} })),
    });
    const CREATE = `mutation ($input: CreateSavedViewInput!) { createSavedView(input: $input) { savedView { id } } }`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) => t.gql(CREATE, { input: { name: `Raced ${index}`, page: 'BOARD', filter: { mine: 'assigned' } } }, owner.token)),
    );
    expect(outcomes(answers)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'created', 'created']);
    expect(await t.db.prisma.savedView.count({ where: { ownerId: owner.id } })).toBe(MAX_VIEWS_PER_PERSON);
  });

  it(`keeps a comment's replies at ${MAX_REPLIES_PER_COMMENT}, even when the last ones are written at once`, async () => {
    // Each racer spells the parent's id in its own case (a uuid is the same in any case): the lock is the row's.
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`;
    const root = await t.ok<{ addComment: { comment: { id: string } } }>(ADD, { input: { ticketId: ticket.id, body: 'Thread' } }, s.marketer.token);
    const parentId = rawId(root.addComment.comment.id);
    await t.db.prisma.comment.createMany({
      data: Array.from({ length: MAX_REPLIES_PER_COMMENT - 2 }, (_, index) => ({
        ticketId: rawId(ticket.id),
        authorId: s.marketer.id,
        parentId,
        body: `Seeded ${index}`,
      })),
    });
    const spellings = Array.from({ length: 5 }, (_, count) => upperFirstLetters(parentId, count));
    expect(new Set(spellings).size).toBe(5);
    const answers = await Promise.all(
      spellings.map((spelling, index) =>
        t.gql(ADD, { input: { ticketId: ticket.id, body: `Raced ${index}`, parentId: gid('Comment', spelling) } }, s.designer.token),
      ),
    );
    expect(outcomes(answers)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'created', 'created']);
    expect(answers.find((answer) => answer.errors)?.errors?.[0]?.message).toContain(`${MAX_REPLIES_PER_COMMENT} replies`);
    expect(await t.db.prisma.comment.count({ where: { parentId } })).toBe(MAX_REPLIES_PER_COMMENT);
    // A new comment (another thread) is not limited by it.
    expect((await t.gql(ADD, { input: { ticketId: ticket.id, body: 'New thread' } }, s.designer.token)).errors).toBeUndefined();
  });
});
