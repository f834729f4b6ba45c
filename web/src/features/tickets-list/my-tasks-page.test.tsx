import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type SentOperation } from '../../test/fake-client';
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
    const fake = fakeClient(answer);
    render(() => (
      <Provider value={fake.client}>
        <Router>
          <Route path="/my-tasks" component={MyTasksPage} />
        </Router>
      </Provider>
    ));
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
});
