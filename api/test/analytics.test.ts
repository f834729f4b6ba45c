// Analytics over a small fixed world built through the real mutations (a revised, a rolled-back, a trashed, a
// rejected ticket, product items, a collaborator), then moved to known instants of March 2026 so every figure
// can be worked out by hand. The expectations below are that arithmetic, written out; nothing is derived from
// the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, rawId, type Sessions, signInEveryone, ticketMutationOk } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;
const ids = {} as Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J', string>;
let productP1 = '';
let productP2 = '';

const H = 3_600_000;
const day = (date: string, hours = 0) => new Date(new Date(`${date}T00:00:00Z`).getTime() + hours * H);

type Person = keyof Sessions;
const step = (name: string, inputType: string, id: string, who: Person, extra: Record<string, unknown> = {}) =>
  ticketMutationOk(t, name, inputType, { id, ...extra }, s[who].token);

/** requester's department manager approves, Creative approves, assigns to `maker`, who starts (and completes). */
async function drive(id: string, manager: Person, maker: Person, until: 'APPROVED' | 'IN_PROGRESS' | 'COMPLETED') {
  await step('approveTicket', 'ApproveTicketInput', id, manager);
  await step('approveTicket', 'ApproveTicketInput', id, 'creative.manager');
  await step('assignTicket', 'AssignTicketInput', id, 'creative.manager', { assigneeId: s[maker].globalId });
  if (until === 'APPROVED') return;
  await step('startTicket', 'TicketActionInput', id, maker);
  if (until === 'IN_PROGRESS') return;
  await step('completeTicket', 'CompleteTicketInput', id, maker);
}

/** Moves a ticket's stamps to known instants (what time would have done); null clears nothing, undefined leaves it. */
async function timeline(id: string, at: Record<string, Date | null>) {
  const columns = Object.keys(at);
  const sets = columns.map((column, index) => `"${column}" = $${index + 2}`).join(', ');
  await t.db.prisma.$executeRawUnsafe(`UPDATE "Ticket" SET ${sets} WHERE id = $1::uuid`, rawId(id), ...columns.map((column) => at[column]));
}

const STAGE_TIMES = `query ($id: ID!) { ticket(id: $id) { status revisionCount
  stageTimes { createdAt departmentApprovedAt creativeApprovedAt assignedAt startedAt completedAt confirmedAt }
  stageDurations { departmentApprovalHours creativeApprovalHours queueHours workHours confirmationHours cycleHours processingHours }
  history(first: 50) { nodes { id action toStatus } } } }`;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
  const product = async (name: string) =>
    (
      await t.ok(
        `mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }`,
        { input: { name, category: 'ADS' } },
        s.admin.token,
      )
    ).createProduct.product.id as string;
  productP1 = await product('Sportsbook ad');
  productP2 = await product('Casino ad');

  // A: closed, a video post of 2, designer with designer2 collaborating (credited too).
  ids.A = (
    await createTicket(t, s.marketer.token, { title: 'A', requestType: 'SOCMED_POSTING', fileFormat: 'VIDEO_PORTRAIT', quantity: 2, priority: 'HIGH' })
  ).id;
  await drive(ids.A, 'marketing.manager', 'designer', 'APPROVED');
  await step('addCollaborator', 'CollaboratorInput', ids.A, 'creative.manager', { userId: s.designer2.globalId });
  await step('startTicket', 'TicketActionInput', ids.A, 'designer');
  await step('completeTicket', 'CompleteTicketInput', ids.A, 'designer2');
  await step('confirmTicket', 'TicketActionInput', ids.A, 'marketer');

  // B: banners (3 images), completed, sent back for one revision, completed again: late.
  ids.B = (await createTicket(t, s.marketer.token, { title: 'B', requestType: 'WEBSITE_BANNER', criteria: 'IMAGE', quantity: 3, priority: 'MEDIUM' })).id;
  await drive(ids.B, 'marketing.manager', 'designer', 'COMPLETED');
  await step('requestRevision', 'RequestRevisionInput', ids.B, 'marketer', { reason: 'Wrong logo' });
  await step('completeTicket', 'CompleteTicketInput', ids.B, 'designer');

  // C: completed, then rolled back to its assignment: approved again, assigned, not started.
  ids.C = (await createTicket(t, s.marketer.token, { title: 'C', requestType: 'SOCMED_POSTING', fileFormat: 'STILL', priority: 'MEDIUM' })).id;
  await drive(ids.C, 'marketing.manager', 'designer', 'COMPLETED');

  // D: completed, then trashed: counted nowhere.
  ids.D = (await createTicket(t, s.marketer.token, { title: 'D', requestType: 'SOCMED_POSTING', fileFormat: 'STILL', quantity: 50, priority: 'HIGH' })).id;
  await drive(ids.D, 'marketing.manager', 'designer', 'COMPLETED');
  await step('deleteTicket', 'DeleteTicketInput', ids.D, 'admin', { reason: 'Duplicate' });

  // E: rejected by its department.
  ids.E = (await createTicket(t, s.marketer.token, { title: 'E', requestType: 'SOCMED_POSTING', fileFormat: 'STILL', priority: 'LOW' })).id;
  await step('rejectTicket', 'RejectTicketInput', ids.E, 'marketing.manager', { reason: 'No budget' });

  // F: ads with product items (4 images of P1, 1 video of P2), completed, no due date.
  ids.F = (
    await createTicket(t, s.marketer.token, {
      title: 'F',
      requestType: 'ADS',
      priority: 'LOW',
      productItems: [
        { productId: productP1, quantity: 4, criteria: 'IMAGE' },
        { productId: productP2, quantity: 1, criteria: 'VIDEO' },
      ],
    })
  ).id;
  await drive(ids.F, 'marketing.manager', 'designer', 'COMPLETED');

  // G: Sales, in progress with designer2.
  ids.G = (await createTicket(t, s.seller.token, { title: 'G', requestType: 'WEBSITE_BANNER', criteria: 'IMAGE', priority: 'HIGH' })).id;
  await drive(ids.G, 'sales.manager', 'designer2', 'IN_PROGRESS');

  // H: February, closed on time (the month before the report).
  ids.H = (await createTicket(t, s.marketer.token, { title: 'H', requestType: 'SOCMED_POSTING', fileFormat: 'STILL', priority: 'MEDIUM' })).id;
  await drive(ids.H, 'marketing.manager', 'designer', 'COMPLETED');
  await step('confirmTicket', 'TicketActionInput', ids.H, 'marketer');

  // I waits for the Sales manager, J for Creative (April: outside the analytics range).
  ids.I = (await createTicket(t, s.seller.token, { title: 'I', priority: 'LOW' })).id;
  ids.J = (await createTicket(t, s.marketer.token, { title: 'J', priority: 'LOW' })).id;
  await step('approveTicket', 'ApproveTicketInput', ids.J, 'marketing.manager');

  // The instants (the stage stamps are what analytics read; the pipeline wrote them at "now").
  const march2 = (hours: number) => day('2026-03-02', hours);
  await timeline(ids.A, {
    createdAt: march2(0),
    deptApprovedAt: march2(2),
    creativeApprovedAt: march2(5),
    assignedAt: march2(6),
    startedAt: march2(8),
    completedAt: march2(20),
    closedAt: march2(24),
    dueDate: day('2026-03-03'),
  });
  const march5 = (hours: number) => day('2026-03-05', hours);
  await timeline(ids.B, {
    createdAt: march5(0),
    deptApprovedAt: march5(1),
    creativeApprovedAt: march5(2),
    assignedAt: march5(3),
    startedAt: march5(4),
    completedAt: march5(14),
    dueDate: march5(12),
  });
  const march10 = (hours: number) => day('2026-03-10', hours);
  await timeline(ids.D, { createdAt: march10(0), deptApprovedAt: march10(1), creativeApprovedAt: march10(2), startedAt: march10(3), completedAt: march10(4) });
  await timeline(ids.E, { createdAt: day('2026-03-12'), rejectedAt: day('2026-03-12', 5) });
  const march18 = (hours: number) => day('2026-03-18', hours);
  await timeline(ids.F, {
    createdAt: march18(0),
    deptApprovedAt: march18(3),
    creativeApprovedAt: march18(5),
    assignedAt: march18(5),
    startedAt: march18(6),
    completedAt: march18(14),
    // The assignment gave it the LOW deadline; this one had none.
    dueDate: null,
  });
  await timeline(ids.G, {
    createdAt: day('2026-03-15'),
    deptApprovedAt: day('2026-03-15', 1),
    creativeApprovedAt: day('2026-03-15', 2),
    assignedAt: day('2026-03-15', 3),
    startedAt: day('2026-03-15', 4),
    dueDate: day('2026-03-25'),
  });
  await timeline(ids.H, {
    createdAt: day('2026-02-10'),
    deptApprovedAt: day('2026-02-10', 1),
    creativeApprovedAt: day('2026-02-10', 2),
    assignedAt: day('2026-02-10', 3),
    startedAt: day('2026-02-10', 4),
    completedAt: day('2026-02-12'),
    closedAt: day('2026-02-12', 1),
    dueDate: day('2026-02-13'),
  });
  await timeline(ids.I, { createdAt: day('2026-04-02') });
  await timeline(ids.J, { createdAt: day('2026-04-02'), reachedCreativeAt: day('2026-04-03'), deptApprovedAt: day('2026-04-03') });
}, 120_000);
afterAll(() => t.close());

describe('stage times through revisions, rollbacks and trash', () => {
  it('a revision clears the completion until the work is completed again', async () => {
    const revised = (await createTicket(t, s.marketer.token, { title: 'revised' })).id;
    await drive(revised, 'marketing.manager', 'designer', 'COMPLETED');
    await step('requestRevision', 'RequestRevisionInput', revised, 'marketer', { reason: 'Again' });
    let { ticket } = await t.ok(STAGE_TIMES, { id: revised }, s.admin.token);
    expect(ticket.status).toBe('IN_PROGRESS');
    expect(ticket.stageTimes.completedAt).toBeNull();
    expect(ticket.stageTimes.startedAt).not.toBeNull();
    expect(ticket.stageDurations.workHours).toBeNull();
    await step('completeTicket', 'CompleteTicketInput', revised, 'designer');
    ({ ticket } = await t.ok(STAGE_TIMES, { id: revised }, s.admin.token));
    expect(ticket.stageTimes.completedAt).not.toBeNull();
    expect(ticket.revisionCount).toBe(1);
    await step('deleteTicket', 'DeleteTicketInput', revised, 'admin');
  });

  it('a rollback to the assignment clears the start and the completion, and keeps the approvals and the assignment', async () => {
    const before = (await t.ok(STAGE_TIMES, { id: ids.C }, s.admin.token)).ticket;
    expect(before.status).toBe('COMPLETED');
    const assigned = before.history.nodes.find((entry: { action: string }) => entry.action === 'ASSIGNED');
    await step('rollbackTicket', 'RollbackTicketInput', ids.C, 'admin', { historyEntryId: assigned.id, reason: 'Wrong brief' });
    const { ticket } = await t.ok(STAGE_TIMES, { id: ids.C }, s.admin.token);
    expect(ticket.status).toBe('APPROVED');
    expect(ticket.stageTimes).toMatchObject({
      departmentApprovedAt: before.stageTimes.departmentApprovedAt,
      creativeApprovedAt: before.stageTimes.creativeApprovedAt,
      assignedAt: before.stageTimes.assignedAt,
      startedAt: null,
      completedAt: null,
      confirmedAt: null,
    });
    // Forward again by a rollback to the completion: the completion's own time comes back.
    const completed = before.history.nodes.find((entry: { action: string }) => entry.action === 'COMPLETED');
    await step('rollbackTicket', 'RollbackTicketInput', ids.C, 'admin', { historyEntryId: completed.id, reason: 'It was right' });
    const forward = (await t.ok(STAGE_TIMES, { id: ids.C }, s.admin.token)).ticket;
    expect(forward.stageTimes).toMatchObject({ startedAt: before.stageTimes.startedAt, completedAt: before.stageTimes.completedAt });
    // And back to the assignment for the analytics below.
    await step('rollbackTicket', 'RollbackTicketInput', ids.C, 'admin', { historyEntryId: assigned.id, reason: 'Wrong brief after all' });
    const march10 = (hours: number) => day('2026-03-10', hours);
    await timeline(ids.C, {
      createdAt: march10(0),
      deptApprovedAt: march10(1),
      creativeApprovedAt: march10(2),
      assignedAt: march10(3),
      dueDate: day('2026-03-20'),
    });
  });

  it('durations are read from the stamps', async () => {
    const { ticket } = await t.ok(STAGE_TIMES, { id: ids.A }, s.admin.token);
    expect(ticket.stageDurations).toEqual({
      departmentApprovalHours: 2,
      creativeApprovalHours: 3,
      queueHours: 3,
      workHours: 12,
      confirmationHours: 4,
      cycleHours: 20,
      processingHours: 12,
    });
  });
});

const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const ANALYTICS = `query ($range: AnalyticsRange!, $departmentId: ID) { analytics(range: $range, departmentId: $departmentId) {
  from to department { name } created completed rejected completionRate onTimeRate revisionRate averageRevisions averageCycleHours averageProcessingHours
  stageAverages { stage averageHours tickets }
  outputByCriteria { criteria tickets quantity }
  byRequestType { requestType created completed onTimeRate quantity }
  byProduct { product { name } productName tickets quantity }
  byDepartment { department { name } departmentName created completed onTimeRate quantity }
  byPriority { priority created completed onTimeRate quantity }
  perUser { user { username } displayName assigned completed inProgress output averageProcessingHours averageCycleHours }
  leaders { user { username } output } } }`;

const approx = (value: number) => expect.closeTo(value, 9);

describe('analytics', () => {
  it('gives an admin every figure of the period, worked out by hand', async () => {
    const { analytics } = await t.ok(ANALYTICS, { range: MARCH }, s.admin.token);
    // In scope: A B C E F G (D is trashed; H is February; I and J are April).
    // Created in March: A B C E F G = 6, E rejected; completed in March: A B F.
    expect(analytics).toMatchObject({ from: MARCH.from, to: MARCH.to, department: null, created: 6, completed: 3, rejected: 1 });
    // Of 6 − 1 not rejected, A B F are completed.
    expect(analytics.completionRate).toBe(0.6);
    // Completed with a due date: A (20 h, due 24 h: on time), B (14 h, due 12 h: late).
    expect(analytics.onTimeRate).toBe(0.5);
    // B was revised once.
    expect(analytics.revisionRate).toEqual(approx(1 / 3));
    expect(analytics.averageRevisions).toEqual(approx(1 / 3));
    // Cycle: A 20, B 14, F 14; processing (work): A 12, B 10, F 8.
    expect(analytics.averageCycleHours).toEqual(approx(16));
    expect(analytics.averageProcessingHours).toEqual(approx(10));
    expect(analytics.stageAverages).toEqual([
      { stage: 'DEPARTMENT_APPROVAL', averageHours: approx(2), tickets: 3 }, // 2, 1, 3
      { stage: 'CREATIVE_APPROVAL', averageHours: approx(2), tickets: 3 }, // 3, 1, 2
      { stage: 'QUEUE', averageHours: approx(2), tickets: 3 }, // 3, 2, 1
      { stage: 'WORK', averageHours: approx(10), tickets: 3 }, // 12, 10, 8
      { stage: 'CONFIRMATION', averageHours: approx(4), tickets: 1 }, // A only
    ]);
    // Units: A 2 video; B 3 images; F 4 images (P1) and 1 video (P2).
    expect(analytics.outputByCriteria).toEqual([
      { criteria: 'IMAGE', tickets: 2, quantity: 7 },
      { criteria: 'VIDEO', tickets: 2, quantity: 3 },
    ]);
    expect(analytics.byProduct).toEqual([
      { product: { name: 'Sportsbook ad' }, productName: 'Sportsbook ad', tickets: 1, quantity: 4 },
      { product: { name: 'Casino ad' }, productName: 'Casino ad', tickets: 1, quantity: 1 },
    ]);
    expect(analytics.byRequestType).toEqual([
      { requestType: 'ADS', created: 1, completed: 1, onTimeRate: null, quantity: 5 },
      { requestType: 'SOCMED_POSTING', created: 3, completed: 1, onTimeRate: 1, quantity: 2 },
      { requestType: 'WEBSITE_BANNER', created: 2, completed: 1, onTimeRate: 0, quantity: 3 },
    ]);
    expect(analytics.byDepartment).toEqual([
      { department: { name: 'Marketing' }, departmentName: 'Marketing', created: 5, completed: 3, onTimeRate: 0.5, quantity: 10 },
      { department: { name: 'Sales' }, departmentName: 'Sales', created: 1, completed: 0, onTimeRate: null, quantity: 0 },
    ]);
    expect(analytics.byPriority).toEqual([
      { priority: 'LOW', created: 2, completed: 1, onTimeRate: null, quantity: 5 }, // E, F
      { priority: 'MEDIUM', created: 2, completed: 1, onTimeRate: 0, quantity: 3 }, // B, C
      { priority: 'HIGH', created: 2, completed: 1, onTimeRate: 1, quantity: 2 }, // A, G
    ]);
    // designer: assigned A B C F, completed A B F (2 + 3 + 5); designer2 collaborates on A (credited) and has G.
    expect(analytics.perUser).toEqual([
      {
        user: { username: 'designer' },
        displayName: expect.any(String),
        assigned: 4,
        completed: 3,
        inProgress: 0,
        output: 10,
        averageProcessingHours: approx(10),
        averageCycleHours: approx(16),
      },
      {
        user: { username: 'designer2' },
        displayName: expect.any(String),
        assigned: 2,
        completed: 1,
        inProgress: 1,
        output: 2,
        averageProcessingHours: approx(12),
        averageCycleHours: approx(20),
      },
    ]);
    expect(analytics.leaders).toEqual([
      { user: { username: 'designer' }, output: 10 },
      { user: { username: 'designer2' }, output: 2 },
    ]);
  });

  it("gives a department manager their department only, and refuses another's", async () => {
    const { analytics } = await t.ok(ANALYTICS, { range: MARCH }, s['marketing.manager'].token);
    expect(analytics).toMatchObject({ department: { name: 'Marketing' }, created: 5, completed: 3, rejected: 1, completionRate: 0.75, onTimeRate: 0.5 });
    expect(analytics.byDepartment.map((row: { departmentName: string }) => row.departmentName)).toEqual(['Marketing']);
    // G (Sales) is out of sight: designer2 has only A.
    expect(analytics.perUser[1]).toMatchObject({ user: { username: 'designer2' }, assigned: 1, completed: 1, inProgress: 0, output: 2 });

    const sales = await t.ok(ANALYTICS, { range: MARCH }, s['sales.manager'].token);
    expect(sales.analytics).toMatchObject({ created: 1, completed: 0, completionRate: 0, onTimeRate: null, revisionRate: null });

    const salesId = (await t.ok(`{ departments { id name } }`)).departments.find((d: { name: string }) => d.name === 'Sales').id;
    expect(errorCodes(await t.gql(ANALYTICS, { range: MARCH, departmentId: salesId }, s['marketing.manager'].token))).toEqual(['FORBIDDEN']);
    // An admin may narrow to one department.
    const narrowed = await t.ok(ANALYTICS, { range: MARCH, departmentId: salesId }, s.admin.token);
    expect(narrowed.analytics).toMatchObject({ department: { name: 'Sales' }, created: 1 });
  });

  it('gives a Creative manager what they may read: not the request rejected before it reached Creative', async () => {
    const { analytics } = await t.ok(ANALYTICS, { range: MARCH }, s['creative.manager'].token);
    expect(analytics).toMatchObject({ created: 5, completed: 3, rejected: 0, completionRate: 0.6 });
  });

  it('refuses members, and a range that runs backwards', async () => {
    for (const member of ['designer', 'marketer'] as const) {
      expect(errorCodes(await t.gql(ANALYTICS, { range: MARCH }, s[member].token))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await t.gql(ANALYTICS, { range: MARCH }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(ANALYTICS, { range: { from: MARCH.to, to: MARCH.from } }, s.admin.token))).toEqual(['BAD_USER_INPUT']);
  });
});

const MONTHLY = `query ($year: Int!, $month: Int!) { monthlyReport(year: $year, month: $month) {
  year month from to created completed overdueAtMonthEnd previousOverdueAtMonthEnd
  kpis { kpi value target status previous change }
  leaderboard { user { username } completed output }
  revisionDistribution { revisions tickets } } }`;

describe('monthlyReport', () => {
  it('compares March with its targets and with February', async () => {
    const { monthlyReport: report } = await t.ok(MONTHLY, { year: 2026, month: 3 }, s.admin.token);
    expect(report).toMatchObject({ year: 2026, month: 3, from: MARCH.from, to: MARCH.to, created: 6, completed: 3 });
    // Overdue on April 1st: C (due Mar 20, back at APPROVED) and G (due Mar 25, in progress). On March 1st: none.
    expect(report.overdueAtMonthEnd).toBe(2);
    expect(report.previousOverdueAtMonthEnd).toBe(0);
    // The month's workload: open at some time in March: A B C E F G (H was done in February) → 2 / 6.
    // February: H alone, created, completed on time, no revision.
    expect(report.kpis).toEqual([
      { kpi: 'COMPLETION_RATE', value: 0.6, target: 0.8, status: 'RED', previous: 1, change: approx(-0.4) },
      { kpi: 'ON_TIME_RATE', value: 0.5, target: 0.8, status: 'RED', previous: 1, change: -0.5 },
      { kpi: 'AVERAGE_REVISIONS', value: approx(1 / 3), target: 3, status: 'GREEN', previous: 0, change: approx(1 / 3) },
      { kpi: 'OVERDUE_RATE', value: approx(1 / 3), target: 0.05, status: 'RED', previous: 0, change: approx(1 / 3) },
    ]);
    expect(report.leaderboard).toEqual([
      { user: { username: 'designer' }, completed: 3, output: 10 },
      { user: { username: 'designer2' }, completed: 1, output: 2 },
    ]);
    expect(report.revisionDistribution).toEqual([
      { revisions: 0, tickets: 2 },
      { revisions: 1, tickets: 1 },
    ]);
  });

  it('colours a KPI amber within its band', async () => {
    // A Sales manager's February: nothing created, nothing to measure → AMBER, never GREEN by default.
    const { monthlyReport: report } = await t.ok(MONTHLY, { year: 2026, month: 2 }, s['sales.manager'].token);
    expect(report.kpis.map((kpi: { status: string }) => kpi.status)).toEqual(['AMBER', 'AMBER', 'AMBER', 'AMBER']);
  });

  it('refuses members and months that do not exist', async () => {
    expect(errorCodes(await t.gql(MONTHLY, { year: 2026, month: 3 }, s.designer.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(MONTHLY, { year: 2026, month: 13 }, s.admin.token))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('teamWorkload and pendingApprovals', () => {
  const WORKLOAD = `{ teamWorkload { user { username } inProgress queued overdue dueSoon } }`;
  const PENDING = `{ pendingApprovals { approver { username } step count oldestWaitingSince } }`;

  it('counts each Creative member’s open work', async () => {
    const { teamWorkload } = await t.ok(WORKLOAD, {}, s['creative.manager'].token);
    const byName = Object.fromEntries(teamWorkload.map((row: { user: { username: string } }) => [row.user.username, row]));
    // designer: C is approved and waiting (due Mar 20: overdue). designer2: G in progress (due Mar 25: overdue).
    expect(byName.designer).toEqual({ user: { username: 'designer' }, inProgress: 0, queued: 1, overdue: 1, dueSoon: 0 });
    expect(byName.designer2).toEqual({ user: { username: 'designer2' }, inProgress: 1, queued: 0, overdue: 1, dueSoon: 0 });
    expect(byName['creative.manager']).toEqual({ user: { username: 'creative.manager' }, inProgress: 0, queued: 0, overdue: 0, dueSoon: 0 });
    expect(Object.keys(byName).sort()).toEqual(['creative.manager', 'designer', 'designer2']);
    expect(errorCodes(await t.gql(WORKLOAD, {}, s['marketing.manager'].token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(WORKLOAD, {}, s.designer.token))).toEqual(['FORBIDDEN']);
  });

  it('lists the approvers with requests waiting, within the caller’s scope', async () => {
    const { pendingApprovals } = await t.ok(PENDING, {}, s.admin.token);
    expect(pendingApprovals).toEqual([
      { approver: { username: 'creative.manager' }, step: 'CREATIVE', count: 1, oldestWaitingSince: '2026-04-03T00:00:00.000Z' },
      { approver: { username: 'sales.manager' }, step: 'DEPARTMENT', count: 1, oldestWaitingSince: '2026-04-02T00:00:00.000Z' },
    ]);
    const marketing = await t.ok(PENDING, {}, s['marketing.manager'].token);
    expect(marketing.pendingApprovals).toEqual([pendingApprovals[0]]);
    expect(errorCodes(await t.gql(PENDING, {}, s.seller.token))).toEqual(['FORBIDDEN']);
  });
});
