import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, rawId, type Sessions, signInEveryone, ticketAt, ticketMutation, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const HISTORY = `query ($id: ID!) { ticket(id: $id) { history(first: 50) { totalCount nodes { id action fromStatus toStatus reason actor { username } changes { field from to } } } } }`;

describe('the happy path', () => {
  it('requested → pending creative → approved → assigned → in progress → completed → closed, by the right people', async () => {
    const created = await createTicket(t, s.marketer.token);
    expect(created).toMatchObject({ status: 'REQUESTED', version: 1, requester: { username: 'marketer' }, department: { name: 'Marketing' } });
    expect(created.availableActions).toEqual(['EDIT', 'COMMENT', 'ATTACH', 'REMOVE_ATTACHMENT', 'DELETE']);

    const steps: [string, string, Record<string, unknown>, keyof Sessions, string][] = [
      ['approveTicket', 'ApproveTicketInput', { note: 'Budget ok' }, 'marketing.manager', 'PENDING_CREATIVE'],
      ['approveTicket', 'ApproveTicketInput', {}, 'creative.manager', 'APPROVED'],
      ['assignTicket', 'AssignTicketInput', { assigneeId: s.designer.globalId }, 'creative.manager', 'APPROVED'],
      ['startTicket', 'TicketActionInput', {}, 'designer', 'IN_PROGRESS'],
      ['completeTicket', 'CompleteTicketInput', { actualHours: 3.5 }, 'designer', 'COMPLETED'],
      ['confirmTicket', 'TicketActionInput', {}, 'marketer', 'CLOSED'],
    ];
    let version = created.version;
    for (const [mutation, inputType, extra, actor, status] of steps) {
      const ticket = await ticketMutationOk(t, mutation, inputType, { id: created.id, expectedVersion: version, ...extra }, s[actor].token);
      expect(ticket.status, `${mutation} by ${actor}`).toBe(status);
      expect(ticket.version).toBe(version + 1);
      version = ticket.version;
    }

    const { ticket } = await t.ok(HISTORY, { id: created.id }, s.admin.token);
    expect(ticket.history.totalCount).toBe(7);
    // Newest first.
    expect(ticket.history.nodes.map((entry: { action: string }) => entry.action)).toEqual([
      'CONFIRMED',
      'COMPLETED',
      'STARTED',
      'ASSIGNED',
      'APPROVED',
      'APPROVED',
      'CREATED',
    ]);
    const assigned = ticket.history.nodes[3];
    expect(assigned.actor.username).toBe('creative.manager');
    expect(assigned.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'assigneeId', from: null, to: s.designer.id })]));
    const firstApproval = ticket.history.nodes[5];
    expect(firstApproval).toMatchObject({ fromStatus: 'REQUESTED', toStatus: 'PENDING_CREATIVE', reason: 'Budget ok' });
    expect(firstApproval.changes).toEqual([{ field: 'status', from: 'REQUESTED', to: 'PENDING_CREATIVE' }]);

    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(created.id) } });
    expect(row.deptApprovedById).toBe(s['marketing.manager'].id);
    expect(row.creativeApprovedById).toBe(s['creative.manager'].id);
    expect(row.actualHours).toBe(3.5);
    expect(row.closedAt).not.toBeNull();

    const activity = await t.db.prisma.activityLog.findMany({ where: { ticketId: row.id }, orderBy: { id: 'asc' } });
    expect(activity.map((entry) => entry.action)).toEqual(['CREATE', 'APPROVE', 'APPROVE', 'ASSIGN', 'START', 'COMPLETE', 'CONFIRM']);
    // Every change queued its group announcement in the same transaction.
    expect(await t.db.prisma.notificationOutbox.count({ where: { ticketId: row.id, channel: 'TELEGRAM_GROUP' } })).toBe(7);
  });
});

describe('wrong actors are refused', () => {
  it('a member cannot approve, not even their own request', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const result = await ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s.marketer.token);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it("Marketing's manager cannot approve a Sales ticket", async () => {
    const ticket = await createTicket(t, s.seller.token);
    const result = await ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    // ... while Sales' manager can.
    expect((await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['sales.manager'].token)).status).toBe('PENDING_CREATIVE');
  });

  it('a non-Creative manager cannot give the second approval', async () => {
    const ticket = await ticketAt(t, s, 'PENDING_CREATIVE');
    for (const manager of ['marketing.manager', 'sales.manager'] as const) {
      const result = await ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s[manager].token);
      expect(errorCodes(result), manager).toEqual(['FORBIDDEN']);
    }
  });

  it('only the assignee starts; only the requester (or an admin) confirms', async () => {
    const assigned = await ticketAt(t, s, 'ASSIGNED');
    for (const someone of ['designer2', 'marketer', 'creative.manager'] as const) {
      expect(errorCodes(await ticketMutation(t, 'startTicket', 'TicketActionInput', { id: assigned.id }, s[someone].token)), someone).toEqual(['FORBIDDEN']);
    }
    const completed = await ticketAt(t, s, 'COMPLETED');
    for (const someone of ['designer', 'marketing.manager', 'creative.manager'] as const) {
      expect(errorCodes(await ticketMutation(t, 'confirmTicket', 'TicketActionInput', { id: completed.id }, s[someone].token)), someone).toEqual(['FORBIDDEN']);
    }
  });

  it('an action from the wrong status is INVALID_TRANSITION; a missing reason BAD_USER_INPUT', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    expect(errorCodes(await ticketMutation(t, 'confirmTicket', 'TicketActionInput', { id: ticket.id }, s.admin.token))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await ticketMutation(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.admin.token))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await ticketMutation(t, 'rejectTicket', 'RejectTicketInput', { id: ticket.id, reason: '  ' }, s['marketing.manager'].token))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, expectedVersion: 1, title: 'Renamed' }, s.marketer.token);
    const stale = await ticketMutation(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, expectedVersion: 1, title: 'Lost update' }, s.marketer.token);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect((await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } })).title).toBe('Renamed');
  });

  it('reject records the reason for the requester', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const rejected = await ticketMutationOk(
      t,
      'rejectTicket',
      'RejectTicketInput',
      { id: ticket.id, reason: 'No budget this quarter' },
      s['marketing.manager'].token,
    );
    expect(rejected.status).toBe('REJECTED');
    const notes = await t.db.prisma.notification.findMany({ where: { recipientId: s.marketer.id, ticketId: rawId(ticket.id) } });
    expect(notes.map((note) => [note.kind, note.body])).toEqual([['TICKET_REJECTED', 'No budget this quarter']]);
  });
});

describe('concurrency', () => {
  it('20 concurrent approvals of one ticket: exactly one succeeds, the rest get CONFLICT, one history entry', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id, expectedVersion: ticket.version }, s['marketing.manager'].token),
      ),
    );
    const succeeded = results.filter((result) => !result.errors?.length);
    const codes = results.flatMap((result) => errorCodes(result));
    expect(succeeded).toHaveLength(1);
    expect(codes).toHaveLength(19);
    expect(new Set(codes)).toEqual(new Set(['CONFLICT']));
    const id = rawId(ticket.id);
    expect(await t.db.prisma.ticketHistory.count({ where: { ticketId: id, action: 'APPROVED' } })).toBe(1);
    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'PENDING_CREATIVE', version: 2 });
    expect(await t.db.prisma.activityLog.count({ where: { ticketId: id, action: 'APPROVE' } })).toBe(1);
  });

  it('without expectedVersion, racing approvals by the same manager still make one transition', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token)),
    );
    expect(results.filter((result) => !result.errors?.length)).toHaveLength(1);
    // Losers either raced the update (CONFLICT) or arrived after it, when the next step is not theirs (FORBIDDEN).
    expect(results.flatMap((result) => errorCodes(result)).every((code) => code === 'CONFLICT' || code === 'FORBIDDEN')).toBe(true);
    expect(await t.db.prisma.ticketHistory.count({ where: { ticketId: rawId(ticket.id), action: 'APPROVED' } })).toBe(1);
  });
});

describe('one approval request approves one step', () => {
  const approve = (id: string, token: string, extra: Record<string, unknown> = {}) =>
    ticketMutation(t, 'approveTicket', 'ApproveTicketInput', { id, ...extra }, token);
  const approvals = (ticketId: string) => t.db.prisma.ticketHistory.findMany({ where: { ticketId: rawId(ticketId), action: 'APPROVED' } });

  it('50 parallel approvals by an admin without expectedVersion or step: exactly one transition and one history entry', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const results = await Promise.all(Array.from({ length: 50 }, () => approve(ticket.id, s.admin.token)));
    expect(results.filter((result) => !result.errors?.length)).toHaveLength(1);
    expect(new Set(results.flatMap((result) => errorCodes(result)))).toEqual(new Set(['CONFLICT']));
    expect(await approvals(ticket.id)).toHaveLength(1);
    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } });
    expect(row).toMatchObject({ status: 'PENDING_CREATIVE', version: 2, deptApprovedById: s.admin.id, creativeApprovedById: null });

    // A later repeat is the same intent: CONFLICT, saying how to approve the next step on purpose.
    const repeat = await approve(ticket.id, s.admin.token);
    expect(errorCodes(repeat)).toEqual(['CONFLICT']);
    expect(repeat.errors?.[0]?.message).toBe(
      'You approved the department step of this ticket already; to approve the Creative step as well, send step: CREATIVE.',
    );
    const creative = await approve(ticket.id, s.admin.token, { step: 'CREATIVE' });
    expect(errorCodes(creative)).toEqual([]);
    expect(creative.data?.approveTicket?.ticket.status).toBe('APPROVED');
  });

  it('a named step approves that step or is a CONFLICT; 50 parallel CREATIVE approvals make one transition', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const early = await approve(ticket.id, s.admin.token, { step: 'CREATIVE' });
    expect(errorCodes(early)).toEqual(['CONFLICT']);
    expect(early.errors?.[0]?.message).toBe('The ticket is REQUESTED, not waiting for the Creative approval; reload and try again.');
    expect(errorCodes(await approve(ticket.id, s.admin.token, { step: 'DEPARTMENT' }))).toEqual([]);
    expect(errorCodes(await approve(ticket.id, s.admin.token, { step: 'DEPARTMENT' }))).toEqual(['CONFLICT']);

    const results = await Promise.all(Array.from({ length: 50 }, () => approve(ticket.id, s.admin.token, { step: 'CREATIVE' })));
    expect(results.filter((result) => !result.errors?.length)).toHaveLength(1);
    expect(new Set(results.flatMap((result) => errorCodes(result)))).toEqual(new Set(['CONFLICT']));
    expect(await approvals(ticket.id)).toHaveLength(2);
  });

  it('without a step, whoever did not approve the department step approves the Creative one (an admin after the manager)', async () => {
    const ticket = await ticketAt(t, s, 'PENDING_CREATIVE');
    const result = await approve(ticket.id, s.admin.token);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.approveTicket?.ticket.status).toBe('APPROVED');
  });

  it('with expectedVersion, the version names the step: an admin approves both steps one after the other', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const first = await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id, expectedVersion: ticket.version }, s.admin.token);
    const second = await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id, expectedVersion: first.version }, s.admin.token);
    expect([first.status, second.status]).toEqual(['PENDING_CREATIVE', 'APPROVED']);
  });
});

describe('assignment in one step', () => {
  const ASSIGN_ALL = `mutation ($input: AssignTicketInput!) { assignTicket(input: $input) { ticket {
    version dueDate assignee { username } collaborators { username }
    history(first: 1) { totalCount nodes { action changes { field from to } } } } } }`;

  it('takes the deadline and the collaborators with the assignee, as one change and one history entry', async () => {
    const ticket = await ticketAt(t, s, 'APPROVED');
    const due = new Date(Date.now() + 4 * 86_400_000).toISOString();
    const { assignTicket } = await t.ok(
      ASSIGN_ALL,
      { input: { id: ticket.id, expectedVersion: ticket.version, assigneeId: s.designer.globalId, dueDate: due, collaboratorIds: [s.designer2.globalId] } },
      s['creative.manager'].token,
    );
    expect(assignTicket.ticket).toMatchObject({
      version: ticket.version + 1,
      dueDate: due,
      assignee: { username: 'designer' },
      collaborators: [{ username: 'designer2' }],
    });
    const [entry] = assignTicket.ticket.history.nodes;
    expect(entry.action).toBe('ASSIGNED');
    expect(entry.changes.map((change: { field: string }) => change.field).sort()).toEqual(['assigneeId', 'collaboratorIds', 'dueDate']);
  });

  it('refuses the whole step when a collaborator cannot collaborate or the deadline is past', async () => {
    const ticket = await ticketAt(t, s, 'APPROVED');
    const past = await ticketMutation(
      t,
      'assignTicket',
      'AssignTicketInput',
      { id: ticket.id, assigneeId: s.designer.globalId, dueDate: new Date(Date.now() - 3_600_000).toISOString() },
      s['creative.manager'].token,
    );
    expect(errorCodes(past)).toEqual(['BAD_USER_INPUT']);
    const marketer = await ticketMutation(
      t,
      'assignTicket',
      'AssignTicketInput',
      { id: ticket.id, assigneeId: s.designer.globalId, collaboratorIds: [s.marketer.globalId] },
      s['creative.manager'].token,
    );
    expect(errorCodes(marketer)).toEqual(['BAD_USER_INPUT']);
    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } });
    expect(row.assigneeId).toBeNull();
    expect(row.version).toBe(ticket.version);
  });
});

describe('myTasks, open or done', () => {
  const TASKS = `query ($open: Boolean) { myTasks(first: 100, open: $open) { totalCount nodes { id status } } }`;

  it('lists open work apart from what is completed, closed or rejected', async () => {
    const working = await ticketAt(t, s, 'IN_PROGRESS');
    const closed = await ticketAt(t, s, 'CLOSED');
    const all = (await t.ok(TASKS, {}, s.designer.token)).myTasks;
    const open = (await t.ok(TASKS, { open: true }, s.designer.token)).myTasks;
    const done = (await t.ok(TASKS, { open: false }, s.designer.token)).myTasks;
    const ids = (list: { nodes: { id: string }[] }) => list.nodes.map((node) => node.id);
    expect(ids(open)).toContain(working.id);
    expect(ids(open)).not.toContain(closed.id);
    expect(ids(done)).toContain(closed.id);
    expect(ids(done)).not.toContain(working.id);
    expect(open.nodes.every((node: { status: string }) => !['COMPLETED', 'CLOSED', 'REJECTED'].includes(node.status))).toBe(true);
    expect(done.nodes.every((node: { status: string }) => ['COMPLETED', 'CLOSED', 'REJECTED'].includes(node.status))).toBe(true);
    expect(open.totalCount + done.totalCount).toBe(all.totalCount);
  });
});

describe('rollback', () => {
  it('restores the state right after the chosen entry, as a new ROLLBACK entry, deleting nothing', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS');
    const before = await t.ok(HISTORY, { id: ticket.id }, s.admin.token);
    const approvedEntry = before.ticket.history.nodes.find(
      (entry: { toStatus: string; action: string }) => entry.action === 'APPROVED' && entry.toStatus === 'APPROVED',
    );
    const rolled = await ticketMutationOk(
      t,
      'rollbackTicket',
      'RollbackTicketInput',
      { id: ticket.id, historyEntryId: approvedEntry.id, reason: 'Assigned to the wrong designer' },
      s['creative.manager'].token,
    );
    expect(rolled.status).toBe('APPROVED');
    expect(rolled.assignee).toBeNull();
    const after = await t.ok(HISTORY, { id: ticket.id }, s.admin.token);
    expect(after.ticket.history.totalCount).toBe(before.ticket.history.totalCount + 1);
    const [newest] = after.ticket.history.nodes;
    expect(newest).toMatchObject({ action: 'ROLLBACK', fromStatus: 'IN_PROGRESS', toStatus: 'APPROVED', reason: 'Assigned to the wrong designer' });
    expect(newest.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'IN_PROGRESS', to: 'APPROVED' },
        { field: 'assigneeId', from: s.designer.id, to: null },
      ]),
    );
    // The ticket can go forward again from there.
    const reassigned = await ticketMutationOk(
      t,
      'assignTicket',
      'AssignTicketInput',
      { id: ticket.id, assigneeId: s.designer2.globalId },
      s['creative.manager'].token,
    );
    expect(reassigned.assignee.username).toBe('designer2');
  });

  it('restores everything the entry recorded: the due date and the revision count too, and the entry says so', async () => {
    const firstDue = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const laterDue = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const ticket = await ticketAt(t, s, 'ASSIGNED', { dueDate: firstDue });
    const assignedEntry = (await t.ok(HISTORY, { id: ticket.id }, s.admin.token)).ticket.history.nodes.find(
      (entry: { action: string }) => entry.action === 'ASSIGNED',
    );
    await ticketMutationOk(t, 'updateTicket', 'UpdateTicketInput', { id: ticket.id, dueDate: laterDue }, s.admin.token);
    await ticketMutationOk(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.designer.token);
    await ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token);
    const revised = await ticketMutationOk(t, 'requestRevision', 'RequestRevisionInput', { id: ticket.id, reason: 'Logo too small' }, s.marketer.token);
    expect(revised.revisionCount).toBe(1);
    expect(revised.dueDate).toBe(laterDue);

    const rolled = await ticketMutationOk(
      t,
      'rollbackTicket',
      'RollbackTicketInput',
      { id: ticket.id, historyEntryId: assignedEntry.id, reason: 'Start over from the assignment' },
      s.admin.token,
    );
    expect(rolled).toMatchObject({ status: 'APPROVED', assignee: { username: 'designer' }, dueDate: firstDue, revisionCount: 0 });
    const [newest] = (await t.ok(HISTORY, { id: ticket.id }, s.admin.token)).ticket.history.nodes;
    expect(newest.action).toBe('ROLLBACK');
    expect(newest.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'IN_PROGRESS', to: 'APPROVED' },
        { field: 'dueDate', from: laterDue, to: firstDue },
        { field: 'revisionCount', from: '1', to: '0' },
      ]),
    );
  });

  it('only admins and managers with authority may roll back, and a reason is required', async () => {
    const ticket = await ticketAt(t, s, 'PENDING_CREATIVE');
    const history = await t.ok(HISTORY, { id: ticket.id }, s.admin.token);
    const created = history.ticket.history.nodes.at(-1);
    const byRequester = await ticketMutation(
      t,
      'rollbackTicket',
      'RollbackTicketInput',
      { id: ticket.id, historyEntryId: created.id, reason: 'undo' },
      s.marketer.token,
    );
    expect(errorCodes(byRequester)).toEqual(['FORBIDDEN']);
    const bySales = await ticketMutation(
      t,
      'rollbackTicket',
      'RollbackTicketInput',
      { id: ticket.id, historyEntryId: created.id, reason: 'undo' },
      s['sales.manager'].token,
    );
    expect(errorCodes(bySales)).toEqual(['FORBIDDEN']);
    const noReason = await ticketMutation(t, 'rollbackTicket', 'RollbackTicketInput', { id: ticket.id, historyEntryId: created.id, reason: '' }, s.admin.token);
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT']);
    const done = await ticketMutationOk(
      t,
      'rollbackTicket',
      'RollbackTicketInput',
      { id: ticket.id, historyEntryId: created.id, reason: 'Approved by mistake' },
      s['marketing.manager'].token,
    );
    expect(done.status).toBe('REQUESTED');
  });
});

describe('comments', () => {
  it('threads replies and stores @mentions of real users', async () => {
    const ticket = await ticketAt(t, s, 'ASSIGNED');
    const top = await t.ok(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id body author { username } mentions { username } } } }`,
      { input: { ticketId: ticket.id, body: 'Please use the new logo @designer, cc @creative.manager and @nobody' } },
      s.marketer.token,
    );
    expect(top.addComment.comment.mentions.map((user: { username: string }) => user.username).sort()).toEqual(['creative.manager', 'designer']);
    const reply = await t.ok(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
      { input: { ticketId: ticket.id, body: 'On it', parentId: top.addComment.comment.id } },
      s.designer.token,
    );
    // The web shows one level of replies: a reply to a reply (and its @mention notice) would be invisible.
    const nested = await t.gql(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
      { input: { ticketId: ticket.id, body: 'Thanks @designer', parentId: reply.addComment.comment.id } },
      s.marketer.token,
    );
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    expect(nested.errors?.[0]?.message).toBe('Reply to the comment itself: replies do not nest.');
    const thread = await t.ok(
      `query ($id: ID!) { ticket(id: $id) { commentCount comments(first: 10) { totalCount nodes { body replies { body author { username } } } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    expect(thread.ticket.commentCount).toBe(2);
    expect(thread.ticket.comments.totalCount).toBe(1);
    expect(thread.ticket.comments.nodes[0].replies).toEqual([{ body: 'On it', author: { username: 'designer' } }]);
    const mentioned = await t.db.prisma.notification.findMany({ where: { kind: 'MENTIONED', ticketId: rawId(ticket.id) } });
    expect(mentioned.map((note) => note.recipientId).sort()).toEqual([s['creative.manager'].id, s.designer.id].sort());
  });

  it('someone who cannot read the ticket cannot comment on it', async () => {
    const ticket = await createTicket(t, s.marketer.token);
    const result = await t.gql(
      `mutation ($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }`,
      { input: { ticketId: ticket.id, body: 'hello' } },
      s.seller.token,
    );
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('Ticket.availableTransitions', () => {
  const TRANSITIONS = `query ($id: ID!) { ticket(id: $id) { status availableTransitions { action to } } }`;

  it('tells each viewer the status changes they may make now, as the board offers them', async () => {
    const created = await createTicket(t, s.marketer.token);
    const asViewer = async (who: keyof Sessions) => (await t.ok(TRANSITIONS, { id: created.id }, s[who].token)).ticket.availableTransitions;
    expect(await asViewer('marketer')).toEqual([]);
    expect(await asViewer('marketing.manager')).toEqual([
      { action: 'APPROVE', to: 'PENDING_CREATIVE' },
      { action: 'REJECT', to: 'REJECTED' },
    ]);
    await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: created.id }, s['marketing.manager'].token);
    expect(await asViewer('marketing.manager')).toEqual([]);
    expect(await asViewer('creative.manager')).toEqual([
      { action: 'APPROVE', to: 'APPROVED' },
      { action: 'REJECT', to: 'REJECTED' },
    ]);
  });
});
