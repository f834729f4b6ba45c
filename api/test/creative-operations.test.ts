import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, rawId, type Sessions, signInEveryone, ticketAt, ticketMutation, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;
let adsProduct: string;
let telegramProduct: string;
let generalProduct: string;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  const create = (name: string, category: string) =>
    t.ok(`mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }`, { input: { name, category } }, s.admin.token);
  adsProduct = (await create('Test ads pack', 'ADS')).createProduct.product.id;
  telegramProduct = (await create('Test odds post', 'TELEGRAM')).createProduct.product.id;
  generalProduct = (await create('Test brand kit', 'GENERAL')).createProduct.product.id;
});
afterAll(() => t.close());

const CREATE = `mutation ($input: CreateTicketInput!) { createTicket(input: $input) {
  ticket { id status requestType fileFormat criteria quantity scheduledStart productItems { quantity product { name } } } } }`;

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('request types', () => {
  it.each([
    ['SOCMED_POSTING', { requestType: 'SOCMED_POSTING', fileFormat: 'VIDEO_LANDSCAPE', quantity: 4 }, { criteria: 'VIDEO', quantity: 4 }],
    ['WEBSITE_BANNER', { requestType: 'WEBSITE_BANNER', criteria: 'IMAGE' }, { criteria: 'IMAGE', fileFormat: null }],
    ['PHOTOSHOOT', { requestType: 'PHOTOSHOOT', scheduledStart: hoursFromNow(24), scheduledEnd: hoursFromNow(28) }, { criteria: 'IMAGE' }],
    ['VIDEOSHOOT', { requestType: 'VIDEOSHOOT', scheduledStart: hoursFromNow(24), scheduledEnd: hoursFromNow(28) }, { criteria: 'VIDEO' }],
    ['LIVE_PRODUCTION', { requestType: 'LIVE_PRODUCTION', scheduledStart: hoursFromNow(48), scheduledEnd: hoursFromNow(50) }, { criteria: 'VIDEO' }],
  ])('accepts a valid %s', async (_type, input, expected) => {
    const { createTicket } = await t.ok(CREATE, { input: { title: 'Typed request', ...input } }, s.marketer.token);
    expect(createTicket.ticket).toMatchObject({ requestType: input.requestType, ...expected });
  });

  it('accepts ADS and TELEGRAM_CHANNEL with product items, totalling the quantity', async () => {
    const ads = await t.ok(CREATE, { input: { title: 'Ads', requestType: 'ADS', productItems: [{ productId: adsProduct, quantity: 300 }] } }, s.marketer.token);
    expect(ads.createTicket.ticket).toMatchObject({ quantity: 300, productItems: [{ quantity: 300, product: { name: 'Test ads pack' } }] });
    const telegram = await t.ok(
      CREATE,
      { input: { title: 'Channel', requestType: 'TELEGRAM_CHANNEL', productItems: [{ productId: telegramProduct, quantity: 12 }] } },
      s.marketer.token,
    );
    expect(telegram.createTicket.ticket.quantity).toBe(12);
  });

  it('new product items on edit set the quantity to their total; the old quantity does not contradict them', async () => {
    const ads = await t.ok(
      CREATE,
      { input: { title: 'Ads to grow', requestType: 'ADS', productItems: [{ productId: adsProduct, quantity: 6 }] } },
      s.marketer.token,
    );
    const edited = await t.ok(
      `mutation ($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { quantity productItems { quantity } } } }`,
      { input: { id: ads.createTicket.ticket.id, productItems: [{ productId: adsProduct, quantity: 8 }] } },
      s.marketer.token,
    );
    expect(edited.updateTicket.ticket).toEqual({ quantity: 8, productItems: [{ quantity: 8 }] });
  });

  it.each([
    ['SOCMED_POSTING without fileFormat', { requestType: 'SOCMED_POSTING' }, 'fileFormat'],
    ['PHOTOSHOOT without a schedule', { requestType: 'PHOTOSHOOT' }, 'scheduledStart'],
    [
      'VIDEOSHOOT with IMAGE criteria',
      { requestType: 'VIDEOSHOOT', criteria: 'IMAGE', scheduledStart: hoursFromNow(1), scheduledEnd: hoursFromNow(2) },
      'criteria',
    ],
    ['WEBSITE_BANNER with a file format', { requestType: 'WEBSITE_BANNER', fileFormat: 'GIF' }, 'fileFormat'],
    ['ADS without product items', { requestType: 'ADS' }, 'productItems'],
    ['a quantity of 1001', { requestType: 'WEBSITE_BANNER', quantity: 1001 }, 'quantity'],
  ])('refuses %s, naming the field', async (_label, input, field) => {
    const result = await t.gql(CREATE, { input: { title: 'Wrong shape', ...input } }, s.marketer.token);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toContain(field);
  });

  it('refuses an ADS request over 1,000 items', async () => {
    const result = await t.gql(
      CREATE,
      { input: { title: 'Too many', requestType: 'ADS', productItems: [{ productId: adsProduct, quantity: 1001 }] } },
      s.marketer.token,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const split = await t.gql(
      CREATE,
      {
        input: {
          title: 'Too many',
          requestType: 'ADS',
          productItems: [
            { productId: adsProduct, quantity: 600 },
            { productId: generalProduct, quantity: 401 },
          ],
        },
      },
      s.marketer.token,
    );
    expect(errorCodes(split)).toEqual(['BAD_USER_INPUT']);
    expect(split.errors?.[0]?.message).toContain('1001');
  });

  it('products are managed by admins only', async () => {
    const result = await t.gql(`mutation { createProduct(input: { name: "Sneaky" }) { product { id } } }`, {}, s['creative.manager'].token);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    await t.ok(`mutation ($id: ID!) { updateProduct(input: { id: $id, isActive: false }) { product { isActive } } }`, { id: telegramProduct }, s.admin.token);
    const listed = await t.ok(`{ products { name } }`, {}, s.marketer.token);
    expect(listed.products.map((product: { name: string }) => product.name)).not.toContain('Test odds post');
    const retired = await t.gql(
      CREATE,
      { input: { title: 'Retired', requestType: 'TELEGRAM_CHANNEL', productItems: [{ productId: telegramProduct, quantity: 1 }] } },
      s.marketer.token,
    );
    expect(errorCodes(retired)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('routing at creation', () => {
  it('a Creative member skips the department step; a Creative manager starts APPROVED', async () => {
    expect((await createTicket(t, s.designer.token)).status).toBe('PENDING_CREATIVE');
    expect((await createTicket(t, s['creative.manager'].token)).status).toBe('APPROVED');
    expect((await createTicket(t, s.marketer.token)).status).toBe('REQUESTED');
  });
});

describe('collaborators', () => {
  it('a collaborator can start and complete; a non-collaborator cannot', async () => {
    const ticket = await ticketAt(t, s, 'ASSIGNED');
    const added = await ticketMutationOk(
      t,
      'addCollaborator',
      'CollaboratorInput',
      { id: ticket.id, userId: s.designer2.globalId },
      s['creative.manager'].token,
    );
    expect(added.availableActions).toBeDefined();
    const outsider = await ticketMutation(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.marketer.token);
    expect(errorCodes(outsider)).toEqual(['FORBIDDEN']);
    expect((await ticketMutationOk(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.designer2.token)).status).toBe('IN_PROGRESS');
    expect((await ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer2.token)).status).toBe('COMPLETED');
    // The collaborator sees the ticket.
    const seen = await t.ok(`query ($id: ID!) { ticket(id: $id) { collaborators { username } } }`, { id: ticket.id }, s.designer2.token);
    expect(seen.ticket.collaborators).toEqual([{ username: 'designer2' }]);
  });

  it('only Creative members collaborate, and only those who may assign add them', async () => {
    const ticket = await ticketAt(t, s, 'ASSIGNED');
    const marketer = await ticketMutation(
      t,
      'addCollaborator',
      'CollaboratorInput',
      { id: ticket.id, userId: s.marketer.globalId },
      s['creative.manager'].token,
    );
    expect(errorCodes(marketer)).toEqual(['BAD_USER_INPUT']);
    const byDesigner = await ticketMutation(t, 'addCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s.designer.token);
    expect(errorCodes(byDesigner)).toEqual(['FORBIDDEN']);
  });

  it('removing a collaborator is its own action, with its own history entry', async () => {
    const ticket = await ticketAt(t, s, 'ASSIGNED');
    const added = await ticketMutationOk(
      t,
      'addCollaborator',
      'CollaboratorInput',
      { id: ticket.id, userId: s.designer2.globalId },
      s['creative.manager'].token,
    );
    expect(added.availableActions).toContain('REMOVE_COLLABORATOR');
    const byMaker = await ticketMutation(t, 'removeCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s.designer.token);
    expect(errorCodes(byMaker)).toEqual(['FORBIDDEN']);
    const stranger = await ticketMutation(
      t,
      'removeCollaborator',
      'CollaboratorInput',
      { id: ticket.id, userId: s.marketer.globalId },
      s['creative.manager'].token,
    );
    expect(errorCodes(stranger)).toEqual(['BAD_USER_INPUT']);
    await ticketMutationOk(t, 'removeCollaborator', 'CollaboratorInput', { id: ticket.id, userId: s.designer2.globalId }, s['creative.manager'].token);
    const detail = await t.ok(
      `query ($id: ID!) { ticket(id: $id) { collaborators { username } history(first: 2) { nodes { action fromStatus toStatus changes { field from to } } } } }`,
      { id: ticket.id },
      s.admin.token,
    );
    expect(detail.ticket.collaborators).toEqual([]);
    const [removed, addedEntry] = detail.ticket.history.nodes;
    expect(addedEntry.action).toBe('COLLABORATOR_ADDED');
    expect(removed).toEqual({
      action: 'COLLABORATOR_REMOVED',
      fromStatus: 'APPROVED',
      toStatus: 'APPROVED',
      // GraphQL renders a list change as text.
      changes: [{ field: 'collaboratorIds', from: s.designer2.id, to: '' }],
    });
  });
});

describe('revisions', () => {
  it('returns a completed ticket to IN_PROGRESS, counts it, and records the reason in history and as a comment', async () => {
    const ticket = await ticketAt(t, s, 'COMPLETED');
    const revised = await ticketMutationOk(t, 'requestRevision', 'RequestRevisionInput', { id: ticket.id, reason: 'Logo too small' }, s.marketer.token);
    expect(revised).toMatchObject({ status: 'IN_PROGRESS', revisionCount: 1 });
    const detail = await t.ok(
      `query ($id: ID!) { ticket(id: $id) { history(first: 1) { nodes { action reason } } comments(first: 10) { nodes { body } } } }`,
      { id: ticket.id },
      s.marketer.token,
    );
    expect(detail.ticket.history.nodes[0]).toEqual({ action: 'REVISION_REQUESTED', reason: 'Logo too small' });
    expect(detail.ticket.comments.nodes.map((comment: { body: string }) => comment.body)).toContain('Revision requested: Logo too small');
    await ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token);
    const second = await ticketMutationOk(t, 'requestRevision', 'RequestRevisionInput', { id: ticket.id, reason: 'Colors' }, s.marketer.token);
    expect(second.revisionCount).toBe(2);
    const noReason = await ticketMutation(t, 'requestRevision', 'RequestRevisionInput', { id: ticket.id, reason: '' }, s.marketer.token);
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('deadlines by priority', () => {
  it('an URGENT video is due 3 h after assignment; a rollback to before the assignment takes the deadline back', async () => {
    const ticket = await ticketAt(t, s, 'APPROVED', { priority: 'URGENT', requestType: 'SOCMED_POSTING', fileFormat: 'VIDEO_PORTRAIT' });
    const before = Date.now();
    const assigned = await ticketMutationOk(
      t,
      'assignTicket',
      'AssignTicketInput',
      { id: ticket.id, assigneeId: s.designer.globalId },
      s['creative.manager'].token,
    );
    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(ticket.id) } });
    expect(row.dueDate!.getTime() - row.assignedAt!.getTime()).toBe(3 * 3_600_000);
    expect(row.assignedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(assigned.dueDate).getTime()).toBe(row.dueDate!.getTime());

    const history = await t.ok(`query ($id: ID!) { ticket(id: $id) { history(first: 10) { nodes { id action } } } }`, { id: ticket.id }, s.admin.token);
    const beforeAssignment = history.ticket.history.nodes.find((entry: { action: string }) => entry.action === 'APPROVED');
    const rolled = await ticketMutationOk(
      t,
      'rollbackTicket',
      'RollbackTicketInput',
      { id: ticket.id, historyEntryId: beforeAssignment.id, reason: 'Wrong person' },
      s.admin.token,
    );
    expect(rolled.assignee).toBeNull();
    // The deadline came with the assignment: before it there was none, and the next assignment sets a fresh one.
    expect(rolled.dueDate).toBeNull();
  });

  it('an URGENT still image is due 2 h after assignment; an explicit due date is kept', async () => {
    const urgent = await ticketAt(t, s, 'ASSIGNED', { priority: 'URGENT' });
    const row = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: rawId(urgent.id) } });
    expect(row.dueDate!.getTime() - row.assignedAt!.getTime()).toBe(2 * 3_600_000);
    const due = hoursFromNow(100);
    const explicit = await ticketAt(t, s, 'ASSIGNED', { priority: 'URGENT', dueDate: due });
    expect(new Date(explicit.dueDate).toISOString()).toBe(due);
  });
});

describe('trash', () => {
  it('a trashed ticket disappears from tickets, myTasks and dashboardStats, and comes back after restore', async () => {
    const ticket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Trash me please' });
    const visible = async () => {
      const list = await t.ok(`{ tickets(filter: { search: "Trash me please" }) { totalCount } }`, {}, s.admin.token);
      const tasks = await t.ok(`{ myTasks(first: 100) { nodes { id } } }`, {}, s.designer.token);
      const stats = await t.ok(`{ dashboardStats { inProgress } }`, {}, s.admin.token);
      const one = await t.ok(`query ($id: ID!) { ticket(id: $id) { id } node(id: $id) { id } }`, { id: ticket.id }, s.admin.token);
      return {
        listed: list.tickets.totalCount,
        inMyTasks: tasks.myTasks.nodes.some((node: { id: string }) => node.id === ticket.id),
        inProgress: stats.dashboardStats.inProgress,
        readable: one.ticket !== null && one.node !== null,
      };
    };
    const before = await visible();
    expect(before).toMatchObject({ listed: 1, inMyTasks: true, readable: true });

    // Members cannot trash work past REQUESTED; the manager of the department can.
    expect(errorCodes(await ticketMutation(t, 'deleteTicket', 'DeleteTicketInput', { id: ticket.id }, s.marketer.token))).toEqual(['FORBIDDEN']);
    await ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id: ticket.id, reason: 'Duplicate' }, s['marketing.manager'].token);
    expect(await visible()).toEqual({ listed: 0, inMyTasks: false, inProgress: before.inProgress - 1, readable: false });
    const trash = await t.ok(`{ trash(first: 50) { nodes { id deletedBy { username } } } }`, {}, s['marketing.manager'].token);
    expect(trash.trash.nodes).toContainEqual({ id: ticket.id, deletedBy: { username: 'marketing.manager' } });
    // Acting on a trashed ticket: it is not there.
    expect(errorCodes(await ticketMutation(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token))).toEqual(['NOT_FOUND']);

    expect(errorCodes(await ticketMutation(t, 'restoreTicket', 'TicketActionInput', { id: ticket.id }, s.designer.token))).toEqual(['FORBIDDEN']);
    await ticketMutationOk(t, 'restoreTicket', 'TicketActionInput', { id: ticket.id }, s['marketing.manager'].token);
    expect(await visible()).toEqual(before);
  });

  it('purge is for admins, and only from the trash', async () => {
    const ticket = await createTicket(t, s.marketer.token, { title: 'Purge me' });
    const notTrashed = await t.gql(`mutation ($id: ID!) { purgeTicket(input: { id: $id }) { purgedTicketNumber } }`, { id: ticket.id }, s.admin.token);
    expect(errorCodes(notTrashed)).toEqual(['BAD_USER_INPUT']);
    await ticketMutationOk(t, 'deleteTicket', 'DeleteTicketInput', { id: ticket.id }, s.marketer.token);
    const byManager = await t.gql(
      `mutation ($id: ID!) { purgeTicket(input: { id: $id }) { purgedTicketNumber } }`,
      { id: ticket.id },
      s['marketing.manager'].token,
    );
    expect(errorCodes(byManager)).toEqual(['FORBIDDEN']);
    const purged = await t.ok(`mutation ($id: ID!) { purgeTicket(input: { id: $id }) { purgedTicketNumber } }`, { id: ticket.id }, s.admin.token);
    expect(purged.purgeTicket.purgedTicketNumber).toBe(ticket.number);
    expect(await t.db.prisma.ticket.count({ where: { id: rawId(ticket.id) } })).toBe(0);
    // The purge is in the activity log, detached from the ticket that is gone.
    const logged = await t.db.prisma.activityLog.findFirstOrThrow({ where: { action: 'PURGE' }, orderBy: { id: 'desc' } });
    expect(logged).toMatchObject({
      ticketId: null,
      eventType: 'DELETED',
      metadata: { number: ticket.number, title: 'Purge me', purgedTicketId: rawId(ticket.id) },
    });
  });
});

describe('accounts', () => {
  it('a self-registered user cannot sign in until an admin approves them; nobody approves themselves', async () => {
    const { departments } = await t.ok(`{ departments { id name } }`);
    const sales = departments.find((department: { name: string }) => department.name === 'Sales').id;
    const registered = await t.ok(`mutation ($input: RegisterInput!) { register(input: $input) { pendingApproval accessToken refreshToken user { id } } }`, {
      input: { username: 'new.rep', email: 'new.rep@example.com', password: 'a-long-password', displayName: 'New Rep', departmentId: sales },
    });
    expect(registered.register).toMatchObject({ pendingApproval: true, accessToken: null, refreshToken: null });
    const early = await t.gql(`mutation { login(input: { username: "new.rep", password: "a-long-password" }) { accessToken } }`);
    expect(errorCodes(early)).toEqual(['FORBIDDEN']);
    const pending = await t.ok(`{ users(filter: { pendingApproval: true }) { nodes { username } } }`, {}, s.admin.token);
    expect(pending.users.nodes).toEqual([{ username: 'new.rep' }]);
    const byManager = await t.gql(
      `mutation ($id: ID!) { approveUser(input: { id: $id }) { user { pendingApproval } } }`,
      { id: registered.register.user.id },
      s['sales.manager'].token,
    );
    expect(errorCodes(byManager)).toEqual(['FORBIDDEN']);
    const approved = await t.ok(
      `mutation ($id: ID!) { approveUser(input: { id: $id }) { user { pendingApproval } } }`,
      { id: registered.register.user.id },
      s.admin.token,
    );
    expect(approved.approveUser.user.pendingApproval).toBe(false);
    expect((await t.login('new.rep', 'a-long-password')).accessToken).toEqual(expect.any(String));
    const self = await t.gql(`mutation ($id: ID!) { approveUser(input: { id: $id }) { user { id } } }`, { id: s.admin.globalId }, s.admin.token);
    expect(errorCodes(self)).toEqual(['FORBIDDEN']);
  });

  it('admins create approved users and set department managers', async () => {
    const { departments } = await t.ok(`{ departments { id name } }`);
    const marketing = departments.find((department: { name: string }) => department.name === 'Marketing').id;
    const created = await t.ok(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword user { id pendingApproval role } } }`,
      { input: { username: 'new.lead', email: 'lead@example.com', displayName: 'New Lead', departmentId: marketing } },
      s.admin.token,
    );
    expect(created.createUser.user).toMatchObject({ pendingApproval: false, role: 'MEMBER' });
    const promoted = await t.ok(
      `mutation ($input: SetDepartmentManagerInput!) { setDepartmentManager(input: $input) { user { role department { name } } } }`,
      { input: { departmentId: marketing, userId: created.createUser.user.id } },
      s.admin.token,
    );
    expect(promoted.setDepartmentManager.user).toEqual({ role: 'MANAGER', department: { name: 'Marketing' } });
    // The one-time password opens nothing but its replacement (password-change-required.test.ts).
    const oneTime = await t.login('new.lead', created.createUser.temporaryPassword);
    const changed = await t.ok(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
      { input: { currentPassword: created.createUser.temporaryPassword, newPassword: 'new-lead-password' } },
      oneTime.accessToken,
    );
    const ticket = await createTicket(t, s.marketer.token);
    expect((await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, changed.changePassword.accessToken)).status).toBe(
      'PENDING_CREATIVE',
    );
  });
});

describe('in-app notifications', () => {
  it('the assignee is notified on assignment; unreadNotificationCount drops after markNotificationsRead', async () => {
    const before = (await t.ok(`{ unreadNotificationCount }`, {}, s.designer2.token)).unreadNotificationCount;
    const ticket = await ticketAt(t, s, 'APPROVED', { title: 'Notify me' });
    await ticketMutationOk(t, 'assignTicket', 'AssignTicketInput', { id: ticket.id, assigneeId: s.designer2.globalId }, s['creative.manager'].token);
    const after = await t.ok(
      `{ unreadNotificationCount notifications(first: 1, unreadOnly: true) { nodes { id kind title ticket { id } read } } }`,
      {},
      s.designer2.token,
    );
    expect(after.unreadNotificationCount).toBe(before + 1);
    const [note] = after.notifications.nodes;
    expect(note).toMatchObject({ kind: 'TICKET_ASSIGNED', ticket: { id: ticket.id }, read: false });
    const marked = await t.ok(
      `mutation ($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) { markedCount unreadCount } }`,
      { ids: [note.id] },
      s.designer2.token,
    );
    expect(marked.markNotificationsRead).toEqual({ markedCount: 1, unreadCount: before });
    // Someone else's notification id marks nothing.
    const foreign = await t.ok(`mutation ($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) { markedCount } }`, { ids: [note.id] }, s.designer.token);
    expect(foreign.markNotificationsRead.markedCount).toBe(0);
    const all = await t.ok(`mutation { markNotificationsRead(input: { all: true }) { unreadCount } }`, {}, s.designer2.token);
    expect(all.markNotificationsRead.unreadCount).toBe(0);
  });

  it('muted kinds are not delivered; quiet hours hold Telegram DMs until they end', async () => {
    await t.ok(
      `mutation { updateNotificationPreferences(input: { mutedKinds: [TICKET_STARTED], telegramDm: true, quietHoursStart: 0, quietHoursEnd: 1439 }) { preferences { mutedKinds telegramDm } } }`,
      {},
      s.marketer.token,
    );
    await t.db.prisma.user.update({ where: { id: s.marketer.id }, data: { telegramChatId: '12345' } });
    const ticket = await ticketAt(t, s, 'IN_PROGRESS', { title: 'Muted start' });
    const notes = await t.db.prisma.notification.findMany({ where: { recipientId: s.marketer.id, ticketId: rawId(ticket.id) } });
    expect(notes.map((note) => note.kind)).not.toContain('TICKET_STARTED');
    expect(notes.map((note) => note.kind)).toContain('TICKET_APPROVED');
    const dms = await t.db.prisma.notificationOutbox.findMany({ where: { recipientId: s.marketer.id, ticketId: rawId(ticket.id), channel: 'TELEGRAM_DM' } });
    expect(dms.length).toBeGreaterThan(0);
    expect(dms.map((dm) => dm.kind)).not.toContain('TICKET_STARTED');
    for (const dm of dms) expect(dm.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    const mine = await t.ok(`{ viewer { notificationPreferences { mutedKinds telegramDm quietHoursStart quietHoursEnd } } }`, {}, s.marketer.token);
    expect(mine.viewer.notificationPreferences).toEqual({ mutedKinds: ['TICKET_STARTED'], telegramDm: true, quietHoursStart: 0, quietHoursEnd: 1439 });
  });
});
