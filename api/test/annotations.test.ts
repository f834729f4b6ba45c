// Proofing annotations end to end: a pin, a box, an arrow and a freehand line on a PNG and on a PDF page; the
// refusals of a malformed figure; the thread as a comment (replies, mentions, notifications); resolve and
// reopen (who may, and two at once); and the read rule on every way in (node, Comment.annotation, mutations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS_PER_VERSION } from '../src/domain/annotations.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { pdf, png } from './support/files.ts';
import { DEMO_PEOPLE, type DemoPerson, gid, rawId, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';
import { uploadOk } from './support/uploads.ts';

let t: TestApp;
let s: Sessions;
let ticket: { id: string; number: number };
let image: { id: string };
let document: { id: string };

const ANNOTATION_FIELDS = `id number page shape x y width height points state resolvedAt resolvedBy { username } viewerCanResolve
  attachment { id fileName version } comment { id body author { username } mentions { username } annotation { id } }`;
const ADD = `mutation ($input: AddAnnotationInput!) { addAnnotation(input: $input) { annotation { ${ANNOTATION_FIELDS} } } }`;
const RESOLVE = `mutation ($input: ResolveAnnotationInput!) { resolveAnnotation(input: $input) { annotation { ${ANNOTATION_FIELDS} } } }`;
const REOPEN = `mutation ($input: ReopenAnnotationInput!) { reopenAnnotation(input: $input) { annotation { ${ANNOTATION_FIELDS} } } }`;

// biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
type Json = Record<string, any>;

const add = (token: string, input: Json) => t.gql<{ addAnnotation: { annotation: Json } }>(ADD, { input }, token);
async function addOk(token: string, input: Json): Promise<Json> {
  return (await t.ok<{ addAnnotation: { annotation: Json } }>(ADD, { input }, token)).addAnnotation.annotation;
}
const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  ticket = (await ticketAt(t, s, 'IN_PROGRESS', { title: 'Spring poster' })) as { id: string; number: number };
  image = (await uploadOk(t, s.designer.token, ticket.id, { name: 'poster.png', bytes: png(40, 20) })) as { id: string };
  document = (await uploadOk(t, s.designer.token, ticket.id, { name: 'flyer.pdf', bytes: pdf() })) as { id: string };
});
afterAll(() => t.close());

describe('adding', () => {
  it('pins, boxes, arrows and freehand lines on an image, numbered per file, each the root of a comment thread', async () => {
    const pin = await addOk(s.marketer.token, { attachmentId: image.id, shape: 'PIN', x: 0.25, y: 0.5, body: 'Logo 20 px left @designer' });
    expect(pin).toMatchObject({ number: 1, page: null, shape: 'PIN', x: 0.25, y: 0.5, width: null, height: null, points: [], state: 'OPEN' });
    expect(pin.comment).toMatchObject({ body: 'Logo 20 px left @designer', author: { username: 'marketer' }, mentions: [{ username: 'designer' }] });
    expect(pin.comment.annotation.id).toBe(pin.id);
    const box = await addOk(s['marketing.manager'].token, { attachmentId: image.id, shape: 'RECT', x: 0.1, y: 0.1, width: 0.5, height: 0.9, body: 'Too busy' });
    expect(box).toMatchObject({ number: 2, shape: 'RECT', width: 0.5, height: 0.9 });
    const arrow = await addOk(s.designer.token, { attachmentId: image.id, shape: 'ARROW', x: 0.2, y: 0.2, points: [0.2, 0.2, 0.8, 0.9], body: 'This way' });
    expect(arrow).toMatchObject({ number: 3, points: [0.2, 0.2, 0.8, 0.9] });
    const line = await addOk(s.designer.token, { attachmentId: image.id, shape: 'FREEHAND', x: 0, y: 0, points: [0, 0, 0.5, 0.5, 1, 1], body: 'Curve' });
    expect(line).toMatchObject({ number: 4, points: [0, 0, 0.5, 0.5, 1, 1] });

    const listed = await t.ok<{ node: { annotations: Json[]; open: Json[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on Attachment { annotations { number } open: annotations(state: OPEN) { number } } } }`,
      { id: image.id },
      s.marketer.token,
    );
    expect(listed.node.annotations.map((entry) => entry.number)).toEqual([1, 2, 3, 4]);

    // Through the ticket page's path (ticket(id:), whose detail statement is hand-written SQL): the same figures.
    const FIGURE = 'number page shape x y width height points state';
    const viaTicket = await t.ok<{ ticket: { attachments: Json[] } }>(
      `query ($id: ID!) { ticket(id: $id) { attachments { id annotations { ${FIGURE} } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    const viaNode = await t.ok<{ node: Json }>(
      `query ($id: ID!) { node(id: $id) { ... on Attachment { annotations { ${FIGURE} } } } }`,
      { id: image.id },
      s.marketer.token,
    );
    expect(viaTicket.ticket.attachments.find((file) => file.id === image.id)?.annotations).toEqual(viaNode.node.annotations);
    expect(viaNode.node.annotations[0]).toMatchObject({ x: 0.25, y: 0.5, points: [] });
  });

  it('pins on a page of a PDF', async () => {
    const onPage = await addOk(s.marketer.token, { attachmentId: document.id, page: 2, shape: 'PIN', x: 0.5, y: 0.5, body: 'Wrong price' });
    expect(onPage).toMatchObject({ number: 1, page: 2, attachment: { fileName: 'flyer.pdf' } });
  });

  it('numbers concurrent annotations on one file without a gap or a repeat', async () => {
    const other = (await uploadOk(t, s.designer.token, ticket.id, { name: 'busy.png', bytes: png(4, 4) })) as { id: string };
    const added = await Promise.all(
      Array.from({ length: 6 }, (_, index) => addOk(s.marketer.token, { attachmentId: other.id, shape: 'PIN', x: index / 10, y: 0.5, body: `Note ${index}` })),
    );
    expect(added.map((entry) => entry.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is a comment: the thread takes replies, and the ticket lists its root comment with the annotation', async () => {
    const pin = await addOk(s.marketer.token, { attachmentId: image.id, shape: 'PIN', x: 0.9, y: 0.9, body: 'Corner' });
    await t.ok(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
      {
        input: { ticketId: ticket.id, body: 'Fixed in v2', parentId: pin.comment.id },
      },
      s.designer.token,
    );
    const thread = await t.ok<{ node: Json }>(
      `query ($id: ID!) { node(id: $id) { ... on Annotation { comment { replies { body annotation { id } } } } } }`,
      { id: pin.id },
      s.marketer.token,
    );
    expect(thread.node.comment.replies).toEqual([{ body: 'Fixed in v2', annotation: null }]);
    const comments = await t.ok<{ ticket: { comments: { nodes: Json[] } } }>(
      `query ($id: ID!) { ticket(id: $id) { comments(first: 100) { nodes { body annotation { number attachment { fileName } } } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    expect(comments.ticket.comments.nodes).toContainEqual({ body: 'Corner', annotation: { number: 5, attachment: { fileName: 'poster.png' } } });
  });

  it('notifies the people a comment notifies, saying where', async () => {
    await addOk(s.marketer.token, { attachmentId: image.id, shape: 'PIN', x: 0.3, y: 0.3, body: 'Please check @designer' });
    const notifications = await t.ok<{ notifications: { nodes: Json[] } }>(`{ notifications(first: 20) { nodes { kind title } } }`, {}, s.designer.token);
    expect(notifications.notifications.nodes).toContainEqual({ kind: 'MENTIONED', title: `You were mentioned on #${ticket.number}: poster.png, #6` });
    // The team's Telegram group hears of it once, as of a comment, with the file and the number.
    const group = await t.db.prisma.notificationOutbox.findMany({ where: { ticketId: rawId(ticket.id), channel: 'TELEGRAM_GROUP', kind: 'COMMENT_ADDED' } });
    expect(group.map((row) => (row.payload as { title: string; body: string }).title)).toContain(`New comment on #${ticket.number}: poster.png, #6`);
  });

  const REFUSALS: [string, Json, string][] = [
    ['x outside 0..1', { shape: 'PIN', x: 1.2, y: 0.5 }, 'x'],
    ['y below 0', { shape: 'PIN', x: 0.5, y: -0.1 }, 'y'],
    ['a RECT without height', { shape: 'RECT', x: 0.1, y: 0.1, width: 0.3 }, 'height'],
    ['a RECT past the right edge', { shape: 'RECT', x: 0.8, y: 0.1, width: 0.3, height: 0.2 }, 'width'],
    ['a RECT of no width', { shape: 'RECT', x: 0.8, y: 0.1, width: 0, height: 0.2 }, 'width'],
    ['a PIN with a size', { shape: 'PIN', x: 0.5, y: 0.5, width: 0.1 }, 'width'],
    ['an ARROW of 3 numbers', { shape: 'ARROW', x: 0.5, y: 0.5, points: [0.1, 0.2, 0.3] }, 'points'],
    ['a FREEHAND line of an odd count', { shape: 'FREEHAND', x: 0.5, y: 0.5, points: [0.1, 0.2, 0.3] }, 'points'],
    ['a FREEHAND line of too many numbers', { shape: 'FREEHAND', x: 0.5, y: 0.5, points: Array.from({ length: 2002 }, () => 0.5) }, 'points'],
    ['a point outside 0..1', { shape: 'FREEHAND', x: 0.5, y: 0.5, points: [0.1, 2] }, 'points'],
    ['a page on an image', { shape: 'PIN', x: 0.5, y: 0.5, page: 1 }, 'page'],
    ['an empty body', { shape: 'PIN', x: 0.5, y: 0.5, body: '   ' }, 'body'],
  ];
  it.each(REFUSALS)('refuses %s (BAD_USER_INPUT naming the field)', async (_case, figure, field) => {
    const response = await add(s.marketer.token, { attachmentId: image.id, body: 'x', ...figure });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe(field);
  });

  it(`takes ${MAX_ANNOTATIONS_PER_VERSION} annotations on a version and refuses the next (BAD_USER_INPUT), writing nothing`, async () => {
    const full = (await uploadOk(t, s.designer.token, ticket.id, { name: 'full.png', bytes: png(4, 4) })) as { id: string };
    const fileId = rawId(full.id);
    const marketer = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'marketer' }, select: { id: true } });
    // The first MAX - 1 written directly (their threads' root comments too), the last one through the API.
    const comments = Array.from({ length: MAX_ANNOTATIONS_PER_VERSION - 1 }, (_, index) => ({
      id: crypto.randomUUID(),
      ticketId: rawId(ticket.id),
      authorId: marketer.id,
      body: `Seeded ${index + 1}`,
    }));
    await t.db.prisma.comment.createMany({ data: comments });
    await t.db.prisma.annotation.createMany({
      data: comments.map((comment, index) => ({ attachmentId: fileId, commentId: comment.id, number: index + 1, shape: 'PIN' as const, x: 0.5, y: 0.5 })),
    });
    const last = await addOk(s.marketer.token, { attachmentId: full.id, shape: 'PIN', x: 0.1, y: 0.1, body: 'The last one' });
    expect(last.number).toBe(MAX_ANNOTATIONS_PER_VERSION);

    const commentsBefore = await t.db.prisma.comment.count({ where: { ticketId: rawId(ticket.id) } });
    const refused = await add(s.marketer.token, { attachmentId: full.id, shape: 'PIN', x: 0.2, y: 0.2, body: 'One too many' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attachmentId' });
    expect(refused.errors?.[0]?.message).toContain(`${MAX_ANNOTATIONS_PER_VERSION} annotations`);
    expect(await t.db.prisma.annotation.count({ where: { attachmentId: fileId } })).toBe(MAX_ANNOTATIONS_PER_VERSION);
    expect(await t.db.prisma.comment.count({ where: { ticketId: rawId(ticket.id) } })).toBe(commentsBefore);
  });

  it('refuses a PDF annotation without a page, and files that are neither images nor PDFs', async () => {
    const noPage = await add(s.marketer.token, { attachmentId: document.id, shape: 'PIN', x: 0.5, y: 0.5, body: 'Where?' });
    expect(codeOf(noPage)).toBe('BAD_USER_INPUT');
    const text = (await uploadOk(t, s.designer.token, ticket.id, { name: 'copy.txt', bytes: 'Headline: Spring' })) as { id: string };
    const onText = await add(s.marketer.token, { attachmentId: text.id, shape: 'PIN', x: 0.5, y: 0.5, body: 'Typo' });
    expect(codeOf(onText)).toBe('BAD_USER_INPUT');
    expect(onText.errors?.[0]?.message).toMatch(/images .* and PDFs/);
  });
});

describe('resolve and reopen', () => {
  let pin: Json;
  beforeAll(async () => {
    pin = await addOk(s.marketer.token, { attachmentId: image.id, shape: 'PIN', x: 0.4, y: 0.4, body: 'Resolve me' });
  });

  it('the author, the assignee, a manager with authority and an admin may; a collaborator who did not write it may not', async () => {
    await ticketMutationOk(t, 'addCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s['creative.manager'].token);
    const byCollaborator = await t.gql(RESOLVE, { input: { id: pin.id } }, s.designer2.token);
    expect(codeOf(byCollaborator)).toBe('FORBIDDEN');
    for (const person of ['designer', 'marketer', 'marketing.manager', 'creative.manager', 'admin'] as const) {
      const resolved = await t.ok<{ resolveAnnotation: { annotation: Json } }>(RESOLVE, { input: { id: pin.id } }, s[person].token);
      expect(resolved.resolveAnnotation.annotation).toMatchObject({ state: 'RESOLVED', resolvedBy: { username: person } });
      expect(resolved.resolveAnnotation.annotation.resolvedAt).not.toBeNull();
      const reopened = await t.ok<{ reopenAnnotation: { annotation: Json } }>(REOPEN, { input: { id: pin.id } }, s[person].token);
      expect(reopened.reopenAnnotation.annotation).toMatchObject({ state: 'OPEN', resolvedBy: null, resolvedAt: null });
    }
    await ticketMutationOk(t, 'removeCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s['creative.manager'].token);
  });

  it('tells each viewer whether they may (viewerCanResolve)', async () => {
    const query = `query ($id: ID!) { node(id: $id) { ... on Annotation { viewerCanResolve } } }`;
    expect((await t.ok<{ node: Json }>(query, { id: pin.id }, s.marketer.token)).node.viewerCanResolve).toBe(true);
    expect((await t.ok<{ node: Json }>(query, { id: pin.id }, s.designer.token)).node.viewerCanResolve).toBe(true);
  });

  it('of two resolutions at once, one resolves and the other is CONFLICT; one event is recorded', async () => {
    const before = await activityCount();
    const results = await Promise.all([
      t.gql(RESOLVE, { input: { id: pin.id } }, s.designer.token),
      t.gql(RESOLVE, { input: { id: pin.id } }, s.marketer.token),
    ]);
    expect(results.filter((result) => !result.errors).length).toBe(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
    expect(await activityCount()).toBe(before + 1);
    const reopenTwice = await Promise.all([
      t.gql(REOPEN, { input: { id: pin.id } }, s.designer.token),
      t.gql(REOPEN, { input: { id: pin.id } }, s.marketer.token),
    ]);
    expect(reopenTwice.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
  });
});

async function activityCount(): Promise<number> {
  return t.db.prisma.activityLog.count({ where: { ticketId: rawId(ticket.id), eventType: { in: ['ANNOTATION_RESOLVED', 'ANNOTATION_REOPENED'] } } });
}

describe('the read rule', () => {
  let pin: Json;
  beforeAll(async () => {
    pin = await addOk(s.marketer.token, { attachmentId: image.id, shape: 'PIN', x: 0.6, y: 0.6, body: 'Secret note 5b1e' });
  });

  it('someone who may not read the ticket can neither read, add, resolve nor reopen its annotations: NOT_FOUND', async () => {
    for (const outsider of ['seller', 'sales.manager', 'designer2'] as const) {
      const node = await t.gql(`query ($id: ID!) { node(id: $id) { id ... on Annotation { comment { body } } } }`, { id: pin.id }, s[outsider].token);
      expect(node.data?.node).toBeNull();
      expect(JSON.stringify(node)).not.toContain('Secret note');
      expect(codeOf(await add(s[outsider].token, { attachmentId: image.id, shape: 'PIN', x: 0.5, y: 0.5, body: 'Sneaky' }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(RESOLVE, { input: { id: pin.id } }, s[outsider].token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(REOPEN, { input: { id: pin.id } }, s[outsider].token))).toBe('NOT_FOUND');
    }
  });

  it('an attachment of a ticket the viewer may not read answers as a made-up one: the same NOT_FOUND', async () => {
    const madeUp = gid('Attachment', crypto.randomUUID());
    const input = { shape: 'PIN', x: 0.5, y: 0.5, body: 'Probe' };
    const hidden = await add(s.seller.token, { ...input, attachmentId: image.id });
    const absent = await add(s.seller.token, { ...input, attachmentId: madeUp });
    expect(codeOf(absent)).toBe('NOT_FOUND');
    expect(hidden.errors?.[0]?.message).toBe(absent.errors?.[0]?.message);
    expect(hidden.errors?.[0]?.extensions).toEqual(absent.errors?.[0]?.extensions);
  });

  it('a trashed ticket hides its annotations from everyone but stays as it was', async () => {
    const other = (await ticketAt(t, s, 'IN_PROGRESS', { title: 'Trash me' })) as { id: string };
    const file = (await uploadOk(t, s.designer.token, other.id, { name: 'a.png', bytes: png(2, 2) })) as { id: string };
    const note = await addOk(s.marketer.token, { attachmentId: file.id, shape: 'PIN', x: 0.5, y: 0.5, body: 'Before the trash' });
    await ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id: other.id }, s.admin.token);
    const node = await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: note.id }, s.admin.token);
    expect(node.data?.node).toBeNull();
    expect(codeOf(await t.gql(RESOLVE, { input: { id: note.id } }, s.admin.token))).toBe('NOT_FOUND');
    expect(codeOf(await add(s.admin.token, { attachmentId: file.id, shape: 'PIN', x: 0.5, y: 0.5, body: 'After' }))).toBe('NOT_FOUND');
  });
});

describe('role matrix', () => {
  // A Marketing ticket requested by marketer, assigned to designer, in progress; the annotation is marketer's.
  // Written out by hand from the contract: who reads the ticket reads and adds annotations; who resolves is
  // its author, the assignee, managers with authority and admins; everyone else learns nothing (NOT_FOUND).
  const EXPECTED: Record<DemoPerson, { read: boolean; resolve: 'ok' | 'FORBIDDEN' | 'NOT_FOUND' }> = {
    admin: { read: true, resolve: 'ok' },
    'creative.manager': { read: true, resolve: 'ok' },
    'marketing.manager': { read: true, resolve: 'ok' },
    'sales.manager': { read: false, resolve: 'NOT_FOUND' },
    designer: { read: true, resolve: 'ok' },
    designer2: { read: false, resolve: 'NOT_FOUND' },
    marketer: { read: true, resolve: 'ok' },
    seller: { read: false, resolve: 'NOT_FOUND' },
  };
  let file: Json;
  let pin: Json;
  beforeAll(async () => {
    const matrixTicket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Matrix poster' });
    file = await uploadOk(t, s.designer.token, matrixTicket.id, { name: 'matrix.png', bytes: png(4, 4) });
    pin = await addOk(s.marketer.token, { attachmentId: file.id, shape: 'PIN', x: 0.5, y: 0.5, body: 'Matrix note' });
  });

  it.each(DEMO_PEOPLE)('%s', async (person) => {
    const expected = EXPECTED[person];
    const token = s[person].token;
    const read = await t.gql<{ node: Json }>(
      `query ($id: ID!) { node(id: $id) { ... on Attachment { annotations { comment { body } } } } }`,
      { id: file.id },
      token,
    );
    const annotationNode = await t.gql<{ node: Json }>(`query ($id: ID!) { node(id: $id) { id } }`, { id: pin.id }, token);
    const added = await add(token, { attachmentId: file.id, shape: 'PIN', x: 0.1, y: 0.1, body: `By ${person}` });
    if (expected.read) {
      expect(read.data?.node.annotations.map((entry: Json) => entry.comment.body)).toContain('Matrix note');
      expect(annotationNode.data?.node).toEqual({ id: pin.id });
      expect(added.errors).toBeUndefined();
    } else {
      expect(read.data?.node).toBeNull();
      expect(annotationNode.data?.node).toBeNull();
      expect(codeOf(added)).toBe('NOT_FOUND');
      expect(JSON.stringify([read, annotationNode, added])).not.toContain('Matrix');
    }
    const resolved = await t.gql(RESOLVE, { input: { id: pin.id } }, token);
    expect(codeOf(resolved) ?? 'ok').toBe(expected.resolve);
    if (expected.resolve === 'ok') await t.ok(REOPEN, { input: { id: pin.id } }, token);
  });
});
