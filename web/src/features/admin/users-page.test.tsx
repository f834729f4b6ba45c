import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToastProvider } from '../../components/toast';
import { fakeClient, type Responder } from '../../test/fake-client';
import { UsersPage } from './users-page';

const departments = [
  { id: 'd-creative', name: 'Creative' },
  { id: 'd-sales', name: 'Sales' },
];
const person = (id: string, displayName: string, more: Record<string, unknown> = {}) => ({
  id,
  username: displayName.toLowerCase().replace(/ /g, '.'),
  displayName,
  email: `${id}@example.com`,
  role: 'MEMBER',
  isActive: true,
  pendingApproval: false,
  mustChangePassword: false,
  createdAt: '2026-11-01T08:00:00.000Z',
  department: departments[0],
  ...more,
});

function answer(role: 'ADMIN' | 'MANAGER'): Responder {
  return (operation) => {
    switch (operation.operationName) {
      case 'UsersContext':
        return { data: { viewer: { id: 'me', role, department: role === 'MANAGER' ? departments[0] : null }, departments } };
      case 'AdminUsers': {
        const filter = operation.variables.filter as { pendingApproval?: boolean };
        const nodes = filter.pendingApproval
          ? [person('p1', 'Pia Pending', { pendingApproval: true })]
          : [person('me', 'Ada Admin', { role }), person('u2', 'Ben Member')];
        return { data: { users: { totalCount: nodes.length, nodes } } };
      }
      case 'CreateUser':
        return { data: { createUser: { temporaryPassword: 'once-Xy7', user: person('u3', 'Cy New') } } };
      case 'ResetUserPassword':
        return { data: { resetUserPassword: { temporaryPassword: 'reset-Q9', user: person('u2', 'Ben Member', { mustChangePassword: true }) } } };
      case 'ApproveUser':
        return { data: { approveUser: { user: person('p1', 'Pia Pending') } } };
      case 'DeclineRegistration':
        return { data: { declineRegistration: { declinedUserId: 'p1', username: 'pia.pending' } } };
      case 'UpdateUserAdmin':
        return { data: { updateUser: { user: person('u2', 'Ben Member', { role: 'MANAGER' }) } } };
      default:
        return { errors: [{ message: `unexpected ${operation.operationName}` }] };
    }
  };
}

function renderPage(role: 'ADMIN' | 'MANAGER' = 'ADMIN') {
  const fake = fakeClient(answer(role));
  render(() => (
    <Provider value={fake.client}>
      <ToastProvider>
        <Router>
          <Route path="/admin/users" component={UsersPage} />
        </Router>
      </ToastProvider>
    </Provider>
  ));
  return fake;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, '', '/admin/users');
});
afterEach(() => cleanup());

describe('UsersPage as an admin', () => {
  it('checks the new user before sending, then shows the one-time password once, with a copy button', async () => {
    const { sent } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Create user' }));
    type('Username', 'Bad Name');
    type('E-mail', 'cy@example');
    fireEvent.click(screen.getAllByRole('button', { name: 'Create user' }).at(-1) as HTMLElement);

    expect(screen.getByText('Use only letters, digits, dots, dashes or underscores.')).toBeTruthy();
    expect(screen.getByText(/^This is not an e-mail address/)).toBeTruthy();
    expect(screen.getByText('Enter the name people see.')).toBeTruthy();
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
    expect(sent.some((operation) => operation.operationName === 'CreateUser')).toBe(false);

    type('Username', 'Cy.New');
    type('E-mail', 'cy@example.com');
    type('Display name', 'Cy New');
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'MANAGER' } });
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'd-sales' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Create user' }).at(-1) as HTMLElement);

    const shown = await screen.findByRole('region', { name: 'One-time password for @cy.new' });
    expect(sent.find((operation) => operation.operationName === 'CreateUser')?.variables).toEqual({
      input: { username: 'cy.new', email: 'cy@example.com', displayName: 'Cy New', role: 'MANAGER', departmentId: 'd-sales' },
    });
    expect((within(shown).getByLabelText('One-time password') as HTMLInputElement).value).toBe('once-Xy7');

    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => copied.push(text) }, configurable: true });
    fireEvent.click(within(shown).getByRole('button', { name: 'Copy password' }));
    await waitFor(() => expect(screen.getByText('Copied to the clipboard.')).toBeTruthy());
    expect(copied).toEqual(['once-Xy7']);

    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('One-time password')).toBeNull();
  });

  it('approves a pending registration', async () => {
    const { sent } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Approve Pia Pending' }));
    await waitFor(() => expect(sent.find((operation) => operation.operationName === 'ApproveUser')?.variables).toEqual({ input: { id: 'p1' } }));
  });

  it('declines a pending registration', async () => {
    const { sent } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Decline Pia Pending' }));
    await waitFor(() => expect(sent.find((operation) => operation.operationName === 'DeclineRegistration')?.variables).toEqual({ input: { id: 'p1' } }));
    expect(sent.some((operation) => operation.operationName === 'ApproveUser')).toBe(false);
  });

  it('resets a password only after confirming, and shows the one-time password', async () => {
    const { sent } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Reset password for Ben Member' }));
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(sent.some((operation) => operation.operationName === 'ResetUserPassword')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset password', hidden: true }));
    const shown = await screen.findByRole('region', { name: 'One-time password for @ben.member' });
    expect((within(shown).getByLabelText('One-time password') as HTMLInputElement).value).toBe('reset-Q9');
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();
  });

  it('changes a role in place, and never offers the admin their own role', async () => {
    const { sent } = renderPage();
    await screen.findByText('Ben Member');
    expect(screen.queryByLabelText('Role of Ada Admin')).toBeNull();
    fireEvent.change(screen.getByLabelText('Role of Ben Member'), { target: { value: 'MANAGER' } });
    await waitFor(() =>
      expect(sent.find((operation) => operation.operationName === 'UpdateUserAdmin')?.variables).toEqual({ input: { id: 'u2', role: 'MANAGER' } }),
    );
  });
});

describe('UsersPage deactivation', () => {
  const updates = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
    sent.filter((operation) => operation.operationName === 'UpdateUserAdmin').map((operation) => operation.variables.input);

  it('asks before deactivating someone, then offers Undo', async () => {
    const { sent } = renderPage();
    const active = (await screen.findByLabelText('Active: Ben Member')) as HTMLInputElement;
    fireEvent.click(active);
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Ben Member?', hidden: true });
    expect(updates(sent)).toEqual([]);
    expect(active.checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate', hidden: true }));
    await waitFor(() => expect(updates(sent)).toEqual([{ id: 'u2', isActive: false }]));
    const toast = screen.getByRole('status');
    await waitFor(() => expect(toast.textContent).toContain('Deactivated Ben Member.'));
    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(updates(sent)).toEqual([
        { id: 'u2', isActive: false },
        { id: 'u2', isActive: true },
      ]),
    );
  });

  it('sends nothing when the deactivation is cancelled', async () => {
    const { sent } = renderPage();
    fireEvent.click(await screen.findByLabelText('Active: Ben Member'));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Ben Member?', hidden: true });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).toBeNull());
    expect(updates(sent)).toEqual([]);
    expect((screen.getByLabelText('Active: Ben Member') as HTMLInputElement).checked).toBe(true);
  });
});

describe('UsersPage as a manager', () => {
  it('lists the department read-only, without pending accounts or account actions', async () => {
    const { sent } = renderPage('MANAGER');
    await screen.findByText('Ben Member');
    expect(sent.find((operation) => operation.operationName === 'AdminUsers')?.variables).toEqual({ first: 100, filter: { departmentId: 'd-creative' } });
    expect(screen.queryByRole('button', { name: 'Create user' })).toBeNull();
    expect(screen.queryByLabelText('Role of Ben Member')).toBeNull();
    expect(screen.queryByRole('button', { name: /Reset password/ })).toBeNull();
    expect(screen.queryByText('Pia Pending')).toBeNull();
  });
});
