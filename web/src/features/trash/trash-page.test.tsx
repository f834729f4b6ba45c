import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { TrashPage } from './trash-page';

const trashed = {
  id: 't7',
  number: 7,
  title: 'Old banner',
  status: 'REQUESTED',
  deletedAt: '2026-11-20T09:00:00.000Z',
  deletedBy: { id: 'u1', displayName: 'Mia Manager' },
  department: { id: 'd1', name: 'Marketing' },
};

/** What each role may do with a trashed request (Ticket.availableActions): a requester, nothing. */
const MAY = { ADMIN: ['RESTORE', 'PURGE'], MANAGER: ['RESTORE'], MEMBER: [] } as const;

function answer(role: keyof typeof MAY, rows = [trashed]): Responder {
  let current = rows.map((row) => ({ ...row, availableActions: MAY[role] }));
  return (operation) => {
    switch (operation.operationName) {
      case 'Trash':
        return {
          data: { trash: { totalCount: current.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes: current } },
        };
      case 'PurgeTicket':
        current = [];
        return { data: { purgeTicket: { purgedTicketId: 't7', purgedTicketNumber: 7 } } };
      default:
        return { errors: [{ message: 'You cannot restore this ticket.', extensions: { code: 'FORBIDDEN' } }] };
    }
  };
}

function renderPage(respond: Responder) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/trash" component={TrashPage} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, '', '/trash');
});
afterEach(() => cleanup());

describe('TrashPage', () => {
  it('offers managers restore only, and says in plain words why a restore failed', async () => {
    renderPage(answer('MANAGER'));
    fireEvent.click(await screen.findByRole('button', { name: 'Restore #7' }));
    expect(screen.queryByRole('button', { name: /Delete for good/ })).toBeNull();
    expect((await screen.findByRole('alert')).textContent).toBe('You cannot restore this ticket.');
  });

  it('purges for admins only after they confirm', async () => {
    const { sent } = renderPage(answer('ADMIN'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete for good #7' }));
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(within(dialog).getByText(/cannot be undone/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel', hidden: true }));
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();
    expect(sent.some((operation) => operation.operationName === 'PurgeTicket')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Delete for good #7' }));
    fireEvent.click(within(screen.getByRole('dialog', { hidden: true })).getByRole('button', { name: 'Delete for good', hidden: true }));
    await waitFor(() => expect(screen.getByText('The trash is empty.')).toBeTruthy());
    expect(sent.find((operation) => operation.operationName === 'PurgeTicket')?.variables).toEqual({ input: { id: 't7' } });
  });

  it('lists a requester the request they deleted, with who can restore it instead of a Restore button', async () => {
    renderPage(answer('MEMBER', [{ ...trashed, deletedBy: { id: 'me', displayName: 'Mo Marketer' } }]));
    const row = (await screen.findByText(/#7 Old banner/)).closest('tr') as HTMLElement;
    expect(within(row).getByText('A manager or an admin can restore it.')).toBeTruthy();
    expect(within(row).getByText(/by Mo Marketer/)).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the trash is empty', async () => {
    renderPage(answer('MANAGER', []));
    expect(await screen.findByText('The trash is empty.')).toBeTruthy();
  });
});
