// No side doors: every path in the schema that leads to a ticket applies the read rule at resolve time.
// The paths are found by walking the printed schema, and each one is tried by a user who lost access
// (designer2, removed as a collaborator). A new field that leads to a ticket fails the coverage test until
// it gets a check here.
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLInterfaceType, type GraphQLObjectType, getNamedType, isInterfaceType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { png } from './support/files.ts';
import { createTicket, type Sessions, signInEveryone, ticketAt, ticketMutation, ticketMutationOk } from './support/tickets.ts';
import { upload, uploadOk } from './support/uploads.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

const SECRET_TITLE = 'Secret launch teaser 7f3a';
const LATE_COMMENT = 'Final notes written after the removal';

let t: TestApp;
let s: Sessions;
let ticket: { id: string; number: number };
let ownTicket: { id: string };
let outsiderCommentId: string;
let mentioningCommentId: string;
let mentionsWhileCollaborating: string[];
// Proofing: a file of the ticket, designer2's annotation on it (and its thread's root comment), their decision.
let proofId: string;
let annotationId: string;
let annotationCommentId: string;
let decisionId: string;

/** Fields on types outside a ticket whose type is, or leads to, a Ticket (Mutation's own fields excepted: their payload types count). */
function pathsToTickets(): string[] {
  const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
  const composite = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType | GraphQLInterfaceType => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)),
  );
  const leadsToTicket = new Set(['Ticket', 'Node']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of composite) {
      if (leadsToTicket.has(type.name)) continue;
      if (Object.values(type.getFields()).some((field) => leadsToTicket.has(getNamedType(field.type).name))) {
        leadsToTicket.add(type.name);
        grew = true;
      }
    }
  }
  // Inside a readable ticket everything is readable; a connection's edges are reached through its field.
  const outside = composite.filter((type) => type.name !== 'Ticket' && type.name !== 'Mutation' && !/(Connection|Edge)$/.test(type.name));
  return outside
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => leadsToTicket.has(getNamedType(field.type).name))
        .map((field) => `${type.name}.${field.name}`),
    )
    .sort();
}

/** Nothing of the ticket may show: not its id, its title, nor a comment written after access ended. */
function expectNoTrace(response: unknown) {
  const text = JSON.stringify(response);
  expect(text).not.toContain(ticket.id);
  expect(text).not.toContain(SECRET_TITLE);
  expect(text).not.toContain(LATE_COMMENT);
}

const asOutsider = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables, s.designer2.token);

async function mentionsOf(commentId: string, token: string): Promise<string[]> {
  const data = await t.ok<{ node: { mentions: { username: string }[] } }>(
    `query ($id: ID!) { node(id: $id) { ... on Comment { mentions { username } } } }`,
    { id: commentId },
    token,
  );
  return data.node.mentions.map((user) => user.username).sort();
}

const RECORD_DECISION = `mutation ($input: RecordReviewDecisionInput!) {
  recordReviewDecision(input: $input) { decision { id attachment { fileName } } ticket { id title } } }`;

/** node(id:) of something of the lost ticket, with a selection that would reach the ticket: null, no trace. */
async function expectHiddenNode(id: string, selection: string) {
  const response = await asOutsider(`query ($id: ID!) { node(id: $id) { id ${selection} } }`, { id });
  expect(response.data?.node).toBeNull();
  expectNoTrace(response);
}

const ADD_COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id body ticket { id title } } } }`;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  ticket = (await ticketAt(t, s, 'ASSIGNED', { title: SECRET_TITLE })) as { id: string; number: number };
  await ticketMutationOk(t, 'addCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s['creative.manager'].token);
  outsiderCommentId = (
    await t.ok<{ addComment: { comment: { id: string } } }>(ADD_COMMENT, { input: { ticketId: ticket.id, body: 'On it @designer' } }, s.designer2.token)
  ).addComment.comment.id;
  mentioningCommentId = (
    await t.ok<{ addComment: { comment: { id: string } } }>(
      ADD_COMMENT,
      { input: { ticketId: ticket.id, body: 'Thanks @designer2, and @seller for the numbers' } },
      s.marketer.token,
    )
  ).addComment.comment.id;
  mentionsWhileCollaborating = await mentionsOf(mentioningCommentId, s.marketer.token);
  proofId = (await uploadOk(t, s.designer.token, ticket.id, { name: 'teaser.png', bytes: png(8, 8) })).id;
  const annotation = await t.ok<{ addAnnotation: { annotation: { id: string; comment: { id: string } } } }>(
    `mutation ($input: AddAnnotationInput!) { addAnnotation(input: $input) { annotation { id comment { id } } } }`,
    { input: { attachmentId: proofId, shape: 'PIN', x: 0.5, y: 0.5, body: 'Brighter here' } },
    s.designer2.token,
  );
  annotationId = annotation.addAnnotation.annotation.id;
  annotationCommentId = annotation.addAnnotation.annotation.comment.id;
  decisionId = (
    await t.ok<{ recordReviewDecision: { decision: { id: string } } }>(
      RECORD_DECISION,
      { input: { attachmentId: proofId, verdict: 'CHANGES_REQUESTED' } },
      s.designer2.token,
    )
  ).recordReviewDecision.decision.id;
  await ticketMutationOk(t, 'removeCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s['creative.manager'].token);
});
afterAll(() => t.close());

describe('Comment.mentions', () => {
  it('names only mentioned users who may read the ticket, judged when read', async () => {
    // seller (Sales) never could read this Marketing ticket; designer2 could, as a collaborator, until removed.
    expect(mentionsWhileCollaborating).toEqual(['designer2']);
    expect(await mentionsOf(mentioningCommentId, s.marketer.token)).toEqual([]);
  });
});

describe('a user who lost access reads the ticket through no path', () => {
  // After the removal: a comment designer2 must not see, and a ticket of their own they may read.
  beforeAll(async () => {
    await t.ok(ADD_COMMENT, { input: { ticketId: ticket.id, body: `${LATE_COMMENT} @designer2` } }, s.marketer.token);
    ownTicket = (await createTicket(t, s.designer2.token, { title: 'My own reel' })) as { id: string };
  });

  const CHECKS: Record<string, () => Promise<void>> = {
    'Query.ticket': async () => {
      const response = await asOutsider(`query ($id: ID!) { ticket(id: $id) { id title } }`, { id: ticket.id });
      expect(response.data?.ticket).toBeNull();
      expectNoTrace(response);
    },
    'Query.node': async () => {
      const response = await asOutsider(`query ($id: ID!) { node(id: $id) { id ... on Ticket { title } } }`, { id: ticket.id });
      expect(response.data?.node).toBeNull();
      expectNoTrace(response);
    },
    'Query.tickets': async () => {
      const response = await asOutsider(`{ tickets(first: 100) { totalCount nodes { id title } } }`);
      expect(JSON.stringify(response)).toContain(ownTicket.id);
      expectNoTrace(response);
    },
    'Query.myTasks': async () => {
      const response = await asOutsider(`{ myTasks(first: 100) { nodes { id title } } }`);
      expect(response.errors).toBeUndefined();
      expectNoTrace(response);
    },
    'Query.trash': async () => {
      expectNoTrace(await asOutsider(`{ trash(first: 100) { nodes { id title } } }`));
    },
    'Query.notifications': async () => {
      const response = await asOutsider(`{ notifications(first: 100) { nodes { kind title body ticket { id title } } } }`);
      const kinds = (response.data!.notifications as { nodes: { kind: string }[] }).nodes.map((node) => node.kind);
      // The notifications from while they had access are still theirs; the ticket is not.
      expect(kinds).toContain('COLLABORATOR_ADDED');
      expectNoTrace(response);
    },
    'Notification.ticket': async () => {
      const response = await asOutsider(`{ notifications(first: 20) { nodes { ticket { id title description comments(first: 5) { nodes { body } } } } } }`);
      expect(response.errors).toBeUndefined();
      const nodes = (response.data!.notifications as { nodes: { ticket: unknown }[] }).nodes;
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((node) => node.ticket === null)).toBe(true);
      expectNoTrace(response);
    },
    'Query.activityLog': async () => {
      const response = await asOutsider(`{ activityLog(first: 100) { nodes { action summary ticket { id title } } } }`);
      // Their own comment's entry stays in their log.
      expect((response.data!.activityLog as { nodes: { action: string }[] }).nodes.map((node) => node.action)).toContain('COMMENT');
      expectNoTrace(response);
    },
    'ActivityLogEntry.ticket': async () => {
      const response = await asOutsider(
        `{ activityLog(first: 20) { nodes { action ticket { id title history(first: 5) { nodes { reason } } comments(first: 5) { nodes { body } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      const own = (response.data!.activityLog as { nodes: { action: string; ticket: unknown }[] }).nodes.filter((node) => node.action === 'COMMENT');
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((node) => node.ticket === null)).toBe(true);
      expectNoTrace(response);
    },
    'Comment.ticket': async () => {
      const response = await asOutsider(`query ($id: ID!) { node(id: $id) { ... on Comment { body ticket { id title } } } }`, { id: outsiderCommentId });
      expect(response.data?.node).toBeNull();
      expectNoTrace(response);
    },
    'Comment.parent': async () => {
      const response = await asOutsider(`query ($id: ID!) { node(id: $id) { ... on Comment { parent { ticket { id title } } } } }`, { id: outsiderCommentId });
      expect(response.data?.node).toBeNull();
      expectNoTrace(response);
    },
    'Comment.replies': async () => {
      const response = await asOutsider(`query ($id: ID!) { node(id: $id) { ... on Comment { replies { body ticket { id title } } } } }`, {
        id: outsiderCommentId,
      });
      expect(response.data?.node).toBeNull();
      expectNoTrace(response);
    },
    'CommentPayload.comment': async () => {
      const reply = await asOutsider(ADD_COMMENT, { input: { ticketId: ticket.id, body: 'Can I still see this?', parentId: outsiderCommentId } });
      expect(reply.data).toBeNull();
      expectNoTrace(reply);
    },
    'Annotation.attachment': () =>
      expectHiddenNode(annotationId, '... on Annotation { attachment { fileName annotations { comment { ticket { id title } } } } }'),
    'Annotation.comment': () => expectHiddenNode(annotationId, '... on Annotation { comment { body ticket { id title } } }'),
    'Comment.annotation': () => expectHiddenNode(annotationCommentId, '... on Comment { annotation { comment { ticket { id title } } } }'),
    'Attachment.annotations': () => expectHiddenNode(proofId, '... on Attachment { annotations { comment { body ticket { id title } } } }'),
    'Attachment.versions': () => expectHiddenNode(proofId, '... on Attachment { versions { fileName url } }'),
    'ReviewDecision.attachment': () => expectHiddenNode(decisionId, '... on ReviewDecision { attachment { annotations { comment { ticket { id title } } } } }'),
    'AnnotationPayload.annotation': async () => {
      const added = await asOutsider(
        `mutation ($input: AddAnnotationInput!) { addAnnotation(input: $input) { annotation { comment { ticket { id title } } } } }`,
        { input: { attachmentId: proofId, shape: 'PIN', x: 0.1, y: 0.1, body: 'Still here?' } },
      );
      expect(added.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expectNoTrace(added);
      // Their own annotation: no longer theirs to resolve, nor to see.
      const resolved = await asOutsider(
        `mutation ($input: ResolveAnnotationInput!) { resolveAnnotation(input: $input) { annotation { comment { ticket { id title } } } } }`,
        { input: { id: annotationId } },
      );
      expect(resolved.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expectNoTrace(resolved);
    },
    'AttachmentPayload.attachment': async () => {
      const { body } = await upload(t, s.designer2.token, ticket.id, { name: 'late.png', bytes: png(2, 2) });
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expectNoTrace(body);
    },
    'RecordReviewDecisionPayload.decision': async () => {
      const response = await asOutsider(RECORD_DECISION, { input: { attachmentId: proofId, verdict: 'APPROVED' } });
      expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expectNoTrace(response);
    },
    'RecordReviewDecisionPayload.ticket': async () => {
      const response = await asOutsider(RECORD_DECISION, { input: { attachmentId: proofId, verdict: 'CHANGES_REQUESTED', note: 'More contrast' } });
      expect(response.data).toBeNull();
      expectNoTrace(response);
    },
    'Query.search': async () => {
      // By words of its title, of a comment written after access ended, and by its number: nothing comes back.
      for (const query of ['Secret launch teaser', 'Final notes written', `#${ticket.number}`]) {
        const response = await asOutsider('query ($query: String!) { search(query: $query, first: 50) { score snippet ticket { id title } } }', { query });
        expect(response.errors).toBeUndefined();
        expectNoTrace(response);
      }
    },
    'SearchHit.ticket': async () => {
      const response = await asOutsider('query ($query: String!) { search(query: $query, first: 50) { snippet ticket { id title description } } }', {
        query: 'teaser',
      });
      expect(response.errors).toBeUndefined();
      expectNoTrace(response);
    },
    'BulkTicketsPayload.changed': async () => {
      // The refusal names the id they sent (they knew it), never what the ticket holds.
      const response = await asOutsider(
        'mutation ($input: BulkSetTicketPriorityInput!) { bulkSetTicketPriority(input: $input) { changedCount changed { id title } refused { ticketId code message } } }',
        { input: { ids: [ticket.id], priority: 'URGENT' } },
      );
      expect(response.errors).toBeUndefined();
      const payload = response.data!.bulkSetTicketPriority as {
        changedCount: number;
        changed: unknown[];
        refused: { ticketId: string; code: string; message: string }[];
      };
      expect(payload.changedCount).toBe(0);
      expect(payload.changed).toEqual([]);
      expect(payload.refused.map((refusal) => refusal.ticketId)).toEqual([ticket.id]);
      expect(JSON.stringify(payload)).not.toContain(SECRET_TITLE);
      expect(JSON.stringify(payload)).not.toContain(LATE_COMMENT);
    },
    'TicketPayload.ticket': async () => {
      const start = await ticketMutation(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.designer2.token);
      expect(start.data).toBeNull();
      expectNoTrace(start);
      const edit = await ticketMutation(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, description: 'edited' }, s.designer2.token);
      expect(edit.data).toBeNull();
      expectNoTrace(edit);
    },
    'Subscription.ticketEvents': async () => {
      // Replays everything since the first event: only what they may read now comes back.
      const client = wsClient(t.wsUrl, s.designer2.token);
      const events = collect<{ ticketEvents: { ticket: { id: string } | null } }>(
        client,
        `subscription { ticketEvents(afterEventId: "0") { eventId type ticket { id title } } }`,
      );
      try {
        await events.until(1);
        await sleep(300);
        expect(events.received.map((event) => event.ticketEvents.ticket?.id)).toContain(ownTicket.id);
        expectNoTrace(events.received);
      } finally {
        events.stop();
        await client.dispose();
      }
    },
    'TicketEvent.ticket': async () => {
      // A live change to the lost ticket reaches them neither as an event nor inside one.
      const client = wsClient(t.wsUrl, s.designer2.token);
      const events = collect<{ ticketEvents: { ticket: { id: string } | null } }>(client, `subscription { ticketEvents { type ticket { id title } } }`);
      try {
        await sleep(300);
        await ticketMutationOk(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.designer.token);
        await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ownTicket.id }, s['creative.manager'].token);
        await events.until(1);
        await sleep(300);
        expect(events.received.map((event) => event.ticketEvents.ticket?.id)).toEqual([ownTicket.id]);
        expectNoTrace(events.received);
      } finally {
        events.stop();
        await client.dispose();
      }
    },
    'TicketEvent.annotation': async () => {
      // Replayed from the first event: the proofing events of the lost ticket are not among them.
      const client = wsClient(t.wsUrl, s.designer2.token);
      const events = collect<{ ticketEvents: { type: string } }>(
        client,
        `subscription { ticketEvents(afterEventId: "0") { type annotation { comment { body ticket { id title } } } } }`,
      );
      try {
        await events.until(1);
        await sleep(300);
        expect(events.received.map((event) => event.ticketEvents.type)).not.toContain('ANNOTATION_ADDED');
        expectNoTrace(events.received);
      } finally {
        events.stop();
        await client.dispose();
      }
    },
    'TicketEvent.reviewDecision': async () => {
      const client = wsClient(t.wsUrl, s.designer2.token);
      const events = collect<{ ticketEvents: { type: string } }>(
        client,
        `subscription { ticketEvents(afterEventId: "0") { type reviewDecision { note attachment { annotations { comment { ticket { id title } } } } } } }`,
      );
      try {
        await events.until(1);
        await sleep(300);
        expect(events.received.map((event) => event.ticketEvents.type)).not.toContain('DECISION_RECORDED');
        expectNoTrace(events.received);
      } finally {
        events.stop();
        await client.dispose();
      }
    },
    'Subscription.notificationAdded': async () => {
      const client = wsClient(t.wsUrl, s.designer2.token);
      const added = collect<{ notificationAdded: { kind: string; ticket: { id: string } | null } }>(
        client,
        `subscription { notificationAdded { kind title ticket { id title } } }`,
      );
      try {
        await sleep(300);
        // A mention on the lost ticket notifies no one who may not read it; their own ticket's news does.
        await t.ok(ADD_COMMENT, { input: { ticketId: ticket.id, body: `${LATE_COMMENT}, again @designer2` } }, s.marketer.token);
        await t.ok(ADD_COMMENT, { input: { ticketId: ownTicket.id, body: 'Looks good @designer2' } }, s['creative.manager'].token);
        await added.until(1);
        await sleep(300);
        expect(added.received.every((event) => event.notificationAdded.ticket?.id === ownTicket.id)).toBe(true);
        expectNoTrace(added.received);
      } finally {
        added.stop();
        await client.dispose();
      }
    },
  };

  it('every path to a ticket in the schema has a check here', () => {
    expect(pathsToTickets()).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(Object.keys(CHECKS).sort())('%s', async (path) => {
    await CHECKS[path]!();
  });
});
