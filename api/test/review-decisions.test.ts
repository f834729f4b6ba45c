// Review decisions end to end: who may decide, on which version, what "changes requested" needs; the two links
// to the workflow (the requester's changes requested on a completed ticket is the revision request, with the open
// annotations in its reason; the requester's approval is the confirmation, → CLOSED); Ticket.reviewDecisions;
// and the proofing events (ANNOTATION_ADDED, _RESOLVED, _REOPENED, DECISION_RECORDED) live to readers only and
// to webhooks, signed, only for owners who may read the ticket.
import { Webhook as Verifier } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { png } from './support/files.ts';
import { DEMO_PEOPLE, type DemoPerson, rawId, type Sessions, signInEveryone, ticketAt, ticketMutationOk } from './support/tickets.ts';
import { uploadOk } from './support/uploads.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';
import { collect, sleep, wsClient } from './support/ws.ts';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
type Json = Record<string, any>;

let t: TestApp;
let s: Sessions;
let receiver: WebhookReceiver;
/** Every statement the app sends, to show which take row locks. */
const statements: string[] = [];

const RECORD = `mutation ($input: RecordReviewDecisionInput!) { recordReviewDecision(input: $input) {
  decision { id verdict note reviewer { username } attachment { fileName version } } ticket { id status revisionCount } } }`;
const ADD = `mutation ($input: AddAnnotationInput!) { addAnnotation(input: $input) { annotation { id number } } }`;
const DECISIONS = `query ($id: ID!) { ticket(id: $id) { status reviewDecisions { verdict note reviewer { username } attachment { fileName version } } } }`;

const record = (token: string, input: Json) => t.gql<{ recordReviewDecision: Json }>(RECORD, { input }, token);
const recordOk = async (token: string, input: Json) => (await t.ok<{ recordReviewDecision: Json }>(RECORD, { input }, token)).recordReviewDecision;
const annotate = async (token: string, attachmentId: string, body: string) =>
  (await t.ok<{ addAnnotation: { annotation: Json } }>(ADD, { input: { attachmentId, shape: 'PIN', x: 0.5, y: 0.5, body } }, token)).addAnnotation.annotation;
const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;
const upload = (ticketId: string, name = 'poster.png') => uploadOk(t, s.designer.token, ticketId, { name, bytes: png(6, 6) }) as Promise<Json>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  t = await startTestApp({
    onQuery: (sql) => statements.push(sql),
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
    app: { webhooks: { dispatcher: false, baseMs: 20, capMs: 80, giveUpAfterMs: 60_000, disableAfterDead: 3, timeoutMs: 3_000 } },
  });
  s = await signInEveryone(t);
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

describe('recording', () => {
  let ticket: Json;
  let first: Json;
  let latest: Json;
  beforeAll(async () => {
    ticket = await ticketAt(t, s, 'COMPLETED', { title: 'Summer poster' });
    first = await upload(ticket.id);
    latest = await upload(ticket.id);
  });

  it('decides on the latest version only: an earlier one is CONFLICT', async () => {
    expect(latest.version).toBe(2);
    const response = await record(s['marketing.manager'].token, { attachmentId: first.id, verdict: 'APPROVED' });
    expect(codeOf(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toContain('newer version (2)');
  });

  it('CHANGES_REQUESTED without an open annotation or a note is BAD_USER_INPUT', async () => {
    expect(codeOf(await record(s['marketing.manager'].token, { attachmentId: latest.id, verdict: 'CHANGES_REQUESTED' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await record(s['marketing.manager'].token, { attachmentId: latest.id, verdict: 'CHANGES_REQUESTED', note: '   ' }))).toBe('BAD_USER_INPUT');
  });

  it('the assignee may not decide on their own work (FORBIDDEN); someone who may not read the ticket learns nothing (NOT_FOUND)', async () => {
    expect(codeOf(await record(s.designer.token, { attachmentId: latest.id, verdict: 'APPROVED' }))).toBe('FORBIDDEN');
    for (const outsider of ['seller', 'sales.manager', 'designer2'] as const) {
      const response = await record(s[outsider].token, { attachmentId: latest.id, verdict: 'APPROVED' });
      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(JSON.stringify(response)).not.toContain('Summer poster');
    }
  });

  it('someone who may not read the ticket takes no lock on it: NOT_FOUND before any FOR UPDATE', async () => {
    statements.length = 0;
    expect(codeOf(await record(s.seller.token, { attachmentId: latest.id, verdict: 'APPROVED' }))).toBe('NOT_FOUND');
    expect(statements.filter((sql) => /for update/i.test(sql))).toEqual([]);
    // A reviewer's decision does take it (the statement is seen by this log).
    statements.length = 0;
    expect(codeOf(await record(s.designer.token, { attachmentId: latest.id, verdict: 'APPROVED' }))).toBe('FORBIDDEN');
    expect(statements.filter((sql) => /for update/i.test(sql))).toHaveLength(1);
  });

  it('tells each viewer whether they may decide on a file now (viewerCanDecide): reviewers, on the latest version', async () => {
    const CAN = `query ($id: ID!) { node(id: $id) { ... on Attachment { viewerCanDecide } } }`;
    const can = async (person: DemoPerson, id: string) => (await t.gql<{ node: Json | null }>(CAN, { id }, s[person].token)).data?.node?.viewerCanDecide;
    expect(await can('marketer', latest.id)).toBe(true);
    expect(await can('marketing.manager', latest.id)).toBe(true);
    expect(await can('admin', latest.id)).toBe(true);
    expect(await can('marketer', first.id)).toBe(false);
    expect(await can('designer', latest.id)).toBe(false);
    expect(await can('seller', latest.id)).toBeUndefined();
  });

  it("a manager's decision is recorded without moving the ticket; Ticket.reviewDecisions shows each reviewer's latest", async () => {
    const decided = await recordOk(s['marketing.manager'].token, { attachmentId: latest.id, verdict: 'CHANGES_REQUESTED', note: 'More contrast' });
    expect(decided.decision).toMatchObject({ verdict: 'CHANGES_REQUESTED', note: 'More contrast', reviewer: { username: 'marketing.manager' } });
    expect(decided.ticket.status).toBe('COMPLETED');
    // The people doing the work hear that changes were asked for, and what.
    const notices = await t.ok<{ notifications: { nodes: Json[] } }>(`{ notifications(first: 10) { nodes { kind title body } } }`, {}, s.designer.token);
    expect(notices.notifications.nodes).toContainEqual({
      kind: 'REVISION_REQUESTED',
      title: `Changes requested on poster.png v2 of #${ticket.number}`,
      body: 'More contrast',
    });
    await recordOk(s['marketing.manager'].token, { attachmentId: latest.id, verdict: 'APPROVED' });
    await recordOk(s['creative.manager'].token, { attachmentId: latest.id, verdict: 'APPROVED', note: 'Good to go' });
    const { ticket: read } = await t.ok<{ ticket: Json }>(DECISIONS, { id: ticket.id }, s.marketer.token);
    expect(read.reviewDecisions).toEqual([
      { verdict: 'APPROVED', note: null, reviewer: { username: 'marketing.manager' }, attachment: { fileName: 'poster.png', version: 2 } },
      { verdict: 'APPROVED', note: 'Good to go', reviewer: { username: 'creative.manager' }, attachment: { fileName: 'poster.png', version: 2 } },
    ]);
    // The decisions are readable by node(id:) for readers only.
    const node = `query ($id: ID!) { node(id: $id) { ... on ReviewDecision { verdict } } }`;
    expect((await t.ok<{ node: Json }>(node, { id: decided.decision.id }, s.designer.token)).node).toEqual({ verdict: 'CHANGES_REQUESTED' });
    expect((await t.gql<{ node: Json }>(node, { id: decided.decision.id }, s.seller.token)).data?.node).toBeNull();
  });

  it("the requester's CHANGES_REQUESTED on a COMPLETED ticket is the revision request, its reason listing the open annotations", async () => {
    await annotate(s.marketer.token, latest.id, 'logo 20 px left');
    const resolvedOne = await annotate(s.marketer.token, latest.id, 'already fine');
    await annotate(s['marketing.manager'].token, latest.id, 'wrong price');
    await t.ok(
      `mutation ($input: ResolveAnnotationInput!) { resolveAnnotation(input: $input) { annotation { id } } }`,
      { input: { id: resolvedOne.id } },
      s.marketer.token,
    );

    const decided = await recordOk(s.marketer.token, { attachmentId: latest.id, verdict: 'CHANGES_REQUESTED', note: 'Nearly there' });
    expect(decided.ticket).toMatchObject({ status: 'IN_PROGRESS', revisionCount: 1 });
    const history = await t.ok<{ ticket: Json }>(
      `query ($id: ID!) { ticket(id: $id) { history(first: 1) { nodes { action reason actor { username } } } comments(first: 100) { nodes { body } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    const reason = 'Nearly there\nOpen on poster.png v2: #1 logo 20 px left; #3 wrong price';
    expect(history.ticket.history.nodes[0]).toEqual({ action: 'REVISION_REQUESTED', reason, actor: { username: 'marketer' } });
    expect(history.ticket.comments.nodes.map((comment: Json) => comment.body)).toContain(`Revision requested: ${reason}`);
    const events = await t.db.prisma.activityLog.findMany({ where: { ticketId: rawId(ticket.id) }, orderBy: { id: 'desc' }, take: 2 });
    expect(events.map((event) => event.eventType).reverse()).toEqual(['DECISION_RECORDED', 'STATUS_CHANGED']);
  });

  it("the requester's decision on a ticket that is not COMPLETED is recorded only", async () => {
    const decided = await recordOk(s.marketer.token, { attachmentId: latest.id, verdict: 'APPROVED' });
    expect(decided.ticket.status).toBe('IN_PROGRESS');
  });

  it("a new version starts over, and the requester's APPROVED on the completed ticket confirms it (→ CLOSED)", async () => {
    const third = await upload(ticket.id);
    expect((await t.ok<{ ticket: Json }>(DECISIONS, { id: ticket.id }, s.marketer.token)).ticket.reviewDecisions).toEqual([]);
    await ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token);
    const decided = await recordOk(s.marketer.token, { attachmentId: third.id, verdict: 'APPROVED' });
    expect(decided.ticket.status).toBe('CLOSED');
    const history = await t.ok<{ ticket: Json }>(
      `query ($id: ID!) { ticket(id: $id) { history(first: 1) { nodes { action } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    expect(history.ticket.history.nodes[0].action).toBe('CONFIRMED');
    expect((await t.ok<{ ticket: Json }>(DECISIONS, { id: ticket.id }, s.marketer.token)).ticket.reviewDecisions).toMatchObject([
      { verdict: 'APPROVED', reviewer: { username: 'marketer' }, attachment: { version: 3 } },
    ]);
  });

  it('of two requester decisions at once on a completed ticket, one is the workflow step and the other is recorded on the ticket it made', async () => {
    const other = await ticketAt(t, s, 'COMPLETED', { title: 'Race poster' });
    const file = await upload(other.id, 'race.png');
    const results = await Promise.all([
      recordOk(s.marketer.token, { attachmentId: file.id, verdict: 'APPROVED' }),
      recordOk(s.marketer.token, { attachmentId: file.id, verdict: 'CHANGES_REQUESTED', note: 'Redo' }),
    ]);
    expect(await t.db.prisma.reviewDecision.count({ where: { ticketId: rawId(other.id) } })).toBe(2);
    const steps = await t.db.prisma.ticketHistory.findMany({ where: { ticketId: rawId(other.id), action: { in: ['CONFIRMED', 'REVISION_REQUESTED'] } } });
    expect(steps).toHaveLength(1);
    // Both answers tell the status the one step left: CLOSED after the confirmation, IN_PROGRESS after the revision request.
    const after = steps[0]!.action === 'CONFIRMED' ? 'CLOSED' : 'IN_PROGRESS';
    expect(results.map((result) => result.ticket.status)).toEqual([after, after]);
  });
});

describe("the ticket's history and its updatedAt", () => {
  const HISTORY = `query ($id: ID!) { ticket(id: $id) { updatedAt version history(first: 20) { nodes { action reason actor { username } changes { field from to } } } } }`;
  const read = async (id: string) => (await t.ok<{ ticket: Json }>(HISTORY, { id }, s.marketer.token)).ticket;
  const later = (after: Json, before: Json) => expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));

  it('tells uploads, decisions, resolved notes and removals, each moving updatedAt but never the version', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'History poster' });
    const start = await read(ticket.id);
    await upload(ticket.id);
    const banner = await upload(ticket.id, 'banner.png');
    const file = await upload(ticket.id);
    const uploaded = await read(ticket.id);
    later(uploaded, start);
    const first = await annotate(s.marketer.token, file.id, 'Bigger logo');
    await annotate(s.marketer.token, file.id, 'Darker sky');
    const annotated = await read(ticket.id);
    later(annotated, uploaded);
    await recordOk(s['marketing.manager'].token, { attachmentId: file.id, verdict: 'CHANGES_REQUESTED', note: 'See the notes' });
    const decided = await read(ticket.id);
    later(decided, annotated);
    await t.ok(
      `mutation ($input: ResolveAnnotationInput!) { resolveAnnotation(input: $input) { annotation { id } } }`,
      { input: { id: first.id } },
      s.marketer.token,
    );
    await recordOk(s['marketing.manager'].token, { attachmentId: file.id, verdict: 'APPROVED' });
    await t.ok(
      `mutation ($input: DeleteAttachmentInput!) { deleteAttachment(input: $input) { deletedAttachmentId } }`,
      { input: { id: banner.id } },
      s.designer.token,
    );
    const end = await read(ticket.id);
    later(end, decided);
    // Only the ticket's own fields move its version: an edit made with the version read before all this still applies.
    expect(end.version).toBe(start.version);

    const entries = end.history.nodes.slice(0, 7).reverse();
    expect(entries).toEqual([
      { action: 'ATTACHMENT_ADDED', reason: null, actor: { username: 'designer' }, changes: [{ field: 'attachments', from: null, to: 'poster.png' }] },
      { action: 'ATTACHMENT_ADDED', reason: null, actor: { username: 'designer' }, changes: [{ field: 'attachments', from: null, to: 'banner.png' }] },
      {
        action: 'ATTACHMENT_ADDED',
        reason: null,
        actor: { username: 'designer' },
        changes: [{ field: 'attachments', from: null, to: 'poster.png (version 2)' }],
      },
      {
        action: 'DECISION_RECORDED',
        reason: 'See the notes',
        actor: { username: 'marketing.manager' },
        changes: [
          { field: 'file', from: null, to: 'poster.png v2' },
          { field: 'verdict', from: null, to: 'CHANGES_REQUESTED' },
          { field: 'openAnnotations', from: null, to: '2' },
        ],
      },
      { action: 'ANNOTATION_RESOLVED', reason: null, actor: { username: 'marketer' }, changes: [{ field: 'annotation', from: null, to: 'poster.png v2, #1' }] },
      {
        action: 'DECISION_RECORDED',
        reason: null,
        actor: { username: 'marketing.manager' },
        changes: [
          { field: 'file', from: null, to: 'poster.png v2' },
          { field: 'verdict', from: null, to: 'APPROVED' },
        ],
      },
      { action: 'ATTACHMENT_REMOVED', reason: null, actor: { username: 'designer' }, changes: [{ field: 'attachments', from: 'banner.png', to: null }] },
    ]);
  });
});

describe('role matrix', () => {
  // A Marketing ticket requested by marketer, assigned to designer, in progress (so no decision moves it). Written
  // out by hand: reviewers are the requester, managers with authority and admins (and collaborators, above);
  // the assignee may not judge their own work; whoever may not read the ticket learns nothing.
  const EXPECTED: Record<DemoPerson, 'ok' | 'FORBIDDEN' | 'NOT_FOUND'> = {
    admin: 'ok',
    'creative.manager': 'ok',
    'marketing.manager': 'ok',
    'sales.manager': 'NOT_FOUND',
    designer: 'FORBIDDEN',
    designer2: 'NOT_FOUND',
    marketer: 'ok',
    seller: 'NOT_FOUND',
  };
  let ticket: Json;
  let file: Json;
  beforeAll(async () => {
    ticket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Matrix decision' });
    file = await upload(ticket.id, 'matrix.png');
  });

  it.each(DEMO_PEOPLE)('%s', async (person) => {
    const response = await record(s[person].token, { attachmentId: file.id, verdict: 'APPROVED' });
    expect(codeOf(response) ?? 'ok').toBe(EXPECTED[person]);
    if (EXPECTED[person] === 'NOT_FOUND') expect(JSON.stringify(response)).not.toContain('Matrix decision');
    const read = await t.gql<{ ticket: Json | null }>(DECISIONS, { id: ticket.id }, s[person].token);
    if (EXPECTED[person] === 'NOT_FOUND') expect(read.data?.ticket).toBeNull();
    else expect(read.data?.ticket?.status).toBe('IN_PROGRESS');
  });
});

describe('events', () => {
  const EVENTS = `subscription { ticketEvents { type ticket { id title } annotation { number state comment { body } } reviewDecision { verdict note } } }`;

  it('reach subscribers who may read the ticket, with the annotation or decision; others hear nothing', async () => {
    const reader = wsClient(t.wsUrl, s['marketing.manager'].token);
    const outsider = wsClient(t.wsUrl, s.seller.token);
    const heard = collect<{ ticketEvents: Json }>(reader, EVENTS);
    const unheard = collect<{ ticketEvents: Json }>(outsider, EVENTS);
    try {
      await sleep(300);
      const ticket = await ticketAt(t, s, 'COMPLETED', { title: 'Evented poster' });
      const file = await upload(ticket.id, 'evented.png');
      await sleep(300);
      const start = heard.received.length;
      const pin = await annotate(s.marketer.token, file.id, 'Sharper');
      await t.ok(
        `mutation ($input: ResolveAnnotationInput!) { resolveAnnotation(input: $input) { annotation { id } } }`,
        { input: { id: pin.id } },
        s.designer.token,
      );
      await t.ok(
        `mutation ($input: ReopenAnnotationInput!) { reopenAnnotation(input: $input) { annotation { id } } }`,
        { input: { id: pin.id } },
        s.designer.token,
      );
      await recordOk(s['creative.manager'].token, { attachmentId: file.id, verdict: 'CHANGES_REQUESTED', note: 'See #1' });
      await heard.until(start + 4);
      const proofing = heard.received.slice(start).map((event) => event.ticketEvents);
      expect(proofing.map((event) => event.type)).toEqual(['ANNOTATION_ADDED', 'ANNOTATION_RESOLVED', 'ANNOTATION_REOPENED', 'DECISION_RECORDED']);
      // The annotation as it is at delivery; the decision as recorded.
      expect(proofing[0]).toMatchObject({ annotation: { number: 1, comment: { body: 'Sharper' } }, reviewDecision: null });
      expect(proofing[3]).toMatchObject({ annotation: null, reviewDecision: { verdict: 'CHANGES_REQUESTED', note: 'See #1' } });
      await sleep(300);
      expect(JSON.stringify(unheard.received)).not.toContain('Evented poster');
      expect(unheard.received.map((event) => event.ticketEvents.type)).not.toContain('ANNOTATION_ADDED');
    } finally {
      heard.stop();
      unheard.stop();
      await reader.dispose();
      await outsider.dispose();
    }
  });

  it('go to webhooks that ask for them, signed, only for owners who may read the ticket', async () => {
    const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`;
    const events = ['ANNOTATION_ADDED', 'ANNOTATION_RESOLVED', 'ANNOTATION_REOPENED', 'DECISION_RECORDED'];
    const hook = (token: string, path: string) =>
      t.ok<{ createWebhook: { secret: string; webhook: { id: string } } }>(CREATE, { input: { url: `${receiver.origin}${path}`, events } }, token);
    const reader = (await hook(s['marketing.manager'].token, '/reader')).createWebhook;
    const outsider = (await hook(s['sales.manager'].token, '/outsider')).createWebhook;

    const ticket = await ticketAt(t, s, 'COMPLETED', { title: 'Hooked poster' });
    const file = await upload(ticket.id, 'hooked.png');
    const pin = await annotate(s.marketer.token, file.id, 'Crop tighter');
    await t.ok(
      `mutation ($input: ResolveAnnotationInput!) { resolveAnnotation(input: $input) { annotation { id } } }`,
      { input: { id: pin.id } },
      s.marketer.token,
    );
    await t.ok(
      `mutation ($input: ReopenAnnotationInput!) { reopenAnnotation(input: $input) { annotation { id } } }`,
      { input: { id: pin.id } },
      s.marketer.token,
    );
    await recordOk(s.marketer.token, { attachmentId: file.id, verdict: 'APPROVED' });

    const ids = [reader.webhook.id, outsider.webhook.id].map(rawId);
    for (let round = 0; round < 200; round += 1) {
      await t.app.webhooks.runOnce();
      if ((await t.db.prisma.webhookDelivery.count({ where: { webhookId: { in: ids }, status: 'PENDING' } })) === 0) break;
      await sleep(15);
    }
    const received = receiver.to('/reader');
    const verifier = new Verifier(reader.secret);
    for (const request of received) verifier.verify(request.body, request.headers as Record<string, string>);
    const payloads = received.map((request) => JSON.parse(request.body) as { type: string; data: Json });
    expect(payloads.map((payload) => payload.type)).toEqual(events.map((type) => `ticket.${type.toLowerCase()}`));
    expect(payloads.every((payload) => payload.data.ticket.title === 'Hooked poster')).toBe(true);
    // Each carries what happened: the annotation (as it is when sent) or the decision.
    expect(payloads[0]!.data).toMatchObject({ annotation: { number: 1, shape: 'PIN', comment: { body: 'Crop tighter' } }, reviewDecision: null });
    expect(payloads[3]!.data).toMatchObject({ annotation: null, reviewDecision: { verdict: 'APPROVED', attachment: { fileName: 'hooked.png' } } });
    expect(receiver.to('/outsider')).toEqual([]);
    expect(await t.db.prisma.webhookDelivery.count({ where: { webhookId: rawId(outsider.webhook.id) } })).toBe(0);
  });
});
