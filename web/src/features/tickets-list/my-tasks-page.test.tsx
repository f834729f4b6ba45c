import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type SentOperation } from '../../test/fake-client';
import { TicketActionProvider } from '../ticket-actions';
import { MyTasksPage } from './my-tasks-page';

const ticket = (number: number, title: string, status: string) => ({
  __typename: 'Ticket',
  id: `T${number}`,
  number,
  title,
  status,
  priority: 'MEDIUM',
  requestType: 'SOCMED_POSTING',
  dueDate: null,
  isOverdue: false,
  version: 1,
  revisionCount: 0,
  commentCount: 0,
  deletedAt: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  availableActions: [],
  availableTransitions: [],
  department: { __typename: 'Department', id: 'D1', name: 'Marketing' },
  requester: { __typename: 'User', id: 'U9', displayName: 'Mia Marketer' },
  assignee: { __typename: 'User', id: 'U1', displayName: 'Dana Designer' },
  collaborators: [],
});

const OPEN = [ticket(1, 'Spring banner', 'IN_PROGRESS'), ticket(2, 'Launch video', 'APPROVED')];
const DONE = [ticket(3, 'Old poster', 'CLOSED')];

const WAITING = [
  { ...ticket(7, 'Spring sale banner', 'REQUESTED'), availableActions: ['EDIT', 'APPROVE', 'REJECT', 'COMMENT'], assignee: null },
  { ...ticket(8, 'Store opening video', 'REQUESTED'), availableActions: ['APPROVE', 'REJECT'], assignee: null },
];

/** My tasks' lists; the approval queue as the API answers a manager (awaiting: the count) or a member (null). */
function answerAs(awaiting: number | null) {
  return (operation: SentOperation) => {
    if (operation.operationName === 'ApprovalQueue') {
      return {
        data: {
          dashboardStats: { __typename: 'DashboardStats', awaitingMyApproval: awaiting },
          tickets: { __typename: 'QueryTicketsConnection', nodes: awaiting === null ? [] : WAITING },
        },
      };
    }
    if (operation.operationName === 'ApproveTicket') {
      return { data: { approveTicket: { __typename: 'TicketPayload', ticket: { __typename: 'Ticket', id: 'T7', version: 2, availableActions: [] } } } };
    }
    return answer(operation);
  };
}

function renderPage(awaiting: number | null) {
  const fake = fakeClient(answerAs(awaiting));
  render(() => (
    <Provider value={fake.client}>
      <TicketActionProvider>
        <Router>
          <Route path="/my-tasks" component={MyTasksPage} />
        </Router>
      </TicketActionProvider>
    </Provider>
  ));
  return fake;
}

function answer(operation: SentOperation) {
  const open = operation.variables.open === true;
  const nodes = open ? OPEN : DONE;
  const pageInfo = { __typename: 'PageInfo', hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
  return {
    data: {
      other: { __typename: 'QueryMyTasksConnection', totalCount: open ? DONE.length : OPEN.length },
      myTasks: { __typename: 'QueryMyTasksConnection', totalCount: nodes.length, pageInfo, nodes },
    },
  };
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, '', '/my-tasks');
});
afterEach(cleanup);

describe('MyTasksPage', () => {
  it('shows open work first, apart from what is done, and switches to the done side', async () => {
    const fake = renderPage(null);
    const table = await screen.findByRole('table', { name: 'Open tasks' });
    expect(within(table).getByText('Spring banner')).toBeTruthy();
    expect(within(table).queryByText('Old poster')).toBeNull();
    const sides = screen.getByRole('navigation', { name: 'Open or done' });
    expect(within(sides).getByRole('link', { name: 'Open 2' }).getAttribute('aria-current')).toBe('page');
    expect(within(sides).getByRole('link', { name: 'Done 1' }).getAttribute('aria-current')).toBeNull();
    fireEvent.click(within(sides).getByRole('link', { name: 'Done 1' }));
    const done = await screen.findByRole('table', { name: 'Done tasks' });
    await waitFor(() => expect(within(done).getByText('Old poster')).toBeTruthy());
    expect(within(done).queryByText('Spring banner')).toBeNull();
    await waitFor(() => expect(fake.sent.at(-1)?.variables).toMatchObject({ open: false, otherSide: true }));
  });

  it('shows a member no approval section: the API says they approve nothing', async () => {
    const fake = renderPage(null);
    await screen.findByRole('table', { name: 'Open tasks' });
    await waitFor(() => expect(fake.sent.some((operation) => operation.operationName === 'ApprovalQueue')).toBe(true));
    expect(screen.queryByRole('heading', { name: 'Waiting for your approval' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('shows a manager what waits for their decision first, with Approve and Reject opening the action dialogs', async () => {
    const fake = renderPage(2);
    const heading = await screen.findByRole('heading', { name: 'Waiting for your approval' });
    const section = heading.closest('section') as HTMLElement;
    // First on the page: before the tabs of the viewer's own work.
    const sides = await screen.findByRole('navigation', { name: 'Open or done' });
    expect(section.compareDocumentPosition(sides) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(section).getByText('2')).toBeTruthy();
    const first = within(section).getByRole('group', { name: 'Decide #7' });
    expect(
      within(section)
        .getByRole('link', { name: /#7 Spring sale banner/ })
        .getAttribute('href'),
    ).toBe('/tickets/7');
    expect(within(section).getByRole('group', { name: 'Decide #8' })).toBeTruthy();

    fireEvent.click(within(first).getByRole('button', { name: 'Reject' }));
    let dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    expect(within(dialog).getByRole('heading', { name: /Reject #7/ })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(within(first).getByRole('button', { name: 'Approve' }));
    dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(
      () =>
        expect(fake.sent.find((operation) => operation.operationName === 'ApproveTicket')?.variables).toMatchObject({
          input: { id: 'T7', expectedVersion: 1, step: 'DEPARTMENT' },
        }),
      { timeout: 5000 },
    );
    // After the decision the queue asks the server again (network-only), so the next tickets come in.
    await waitFor(() => expect(fake.sent.filter((operation) => operation.operationName === 'ApprovalQueue').length).toBeGreaterThan(1));
  });
});
