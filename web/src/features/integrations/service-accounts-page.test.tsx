import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder, sentInput } from '../../test/fake-client';
import { ServiceAccountsPage } from './service-accounts-page';

const account = (id: string, name: string, role: string) => ({
  __typename: 'User',
  id,
  username: `svc-${name.toLowerCase()}`,
  displayName: `${name} (service)`,
  role,
  isActive: true,
  createdAt: '2026-12-01T10:00:00Z',
  department: { __typename: 'Department', id: 'd1', name: 'Marketing' },
});

const token = (id: string, name: string, ownerId: string) => ({
  __typename: 'ApiToken',
  id,
  name,
  prefix: 'j365_abcdefg',
  scopes: ['WRITE'],
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: null,
  lastUsedAt: '2026-12-02T10:00:00Z',
  revokedAt: null,
  owner: { __typename: 'User', id: ownerId, kind: 'SERVICE' },
});

const answer: Responder = (operation) => {
  switch (operation.operationName) {
    case 'ServiceAccounts':
      return {
        data: {
          users: { totalCount: 2, nodes: [account('s1', 'Zapier', 'MEMBER'), account('s2', 'Ops', 'ADMIN')] },
          departments: [{ __typename: 'Department', id: 'd1', name: 'Marketing' }],
          // The admin's own token is listed too: it belongs on their profile, not under an account.
          apiTokens: [token('t1', 'Zap hook', 's1'), token('t2', 'Mine', 'admin')],
        },
      };
    case 'CreateServiceAccount': {
      const input = operation.variables.input as { name: string };
      if (input.name === 'Taken')
        return { errors: [{ message: 'That username or email is already taken.', extensions: { code: 'BAD_USER_INPUT', field: 'username' } }] };
      return { data: { createServiceAccount: { user: { __typename: 'User', id: 's3', username: 'svc-make', displayName: 'Make (service)' } } } };
    }
    case 'CreateApiToken':
      return { data: { createApiToken: { token: 'j365_for-zapier', apiToken: token('t3', 'CI', 's1') } } };
    default:
      return { errors: [{ message: `unexpected ${operation.operationName}` }] };
  }
};

function renderPage() {
  window.history.replaceState(null, '', '/admin/service-accounts');
  const fake = fakeClient(answer);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/admin/service-accounts" component={ServiceAccountsPage} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => {
  window.scrollTo = () => undefined;
});
afterEach(() => cleanup());

describe('ServiceAccountsPage', () => {
  it('lists each account with its own tokens only', async () => {
    renderPage();
    const zapier = (await screen.findByRole('heading', { name: 'Zapier (service)' })).closest('li') as HTMLElement;
    expect(within(zapier).getByRole('table', { name: 'Tokens of Zapier (service)' })).toBeTruthy();
    expect(within(zapier).getByRole('button', { name: 'Revoke Zap hook' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke Mine' })).toBeNull();
    const ops = screen.getByRole('heading', { name: 'Ops (service)' }).closest('li') as HTMLElement;
    expect(within(ops).getByText('No tokens yet: it cannot do anything until it has one.')).toBeTruthy();
  });

  it('creates an account with its role and department, and shows a taken name under the name', async () => {
    const { sent } = renderPage();
    await screen.findByRole('heading', { name: 'Zapier (service)' });
    const form = screen.getByRole('form', { name: 'New service account' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create service account' }));
    expect(within(form).getByText('Name the integration, e.g. “Zapier”.')).toBeTruthy();
    expect(sentInput(sent, 'CreateServiceAccount')).toBeUndefined();

    fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Taken' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create service account' }));
    expect((await within(form).findByText('That username or email is already taken.')).classList.contains('field-error')).toBe(true);

    fireEvent.input(within(form).getByLabelText('Name'), { target: { value: ' Make ' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'MANAGER' } });
    fireEvent.change(within(form).getByLabelText('Department'), { target: { value: 'd1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create service account' }));
    await waitFor(() =>
      expect(sent.filter((operation) => operation.operationName === 'CreateServiceAccount').at(-1)?.variables.input).toEqual({
        name: 'Make',
        role: 'MANAGER',
        departmentId: 'd1',
      }),
    );
  });

  it('makes a token for the account (its id as owner), offering ADMIN only to an admin account, and shows it once', async () => {
    const { sent } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'New token for Ops (service)' }));
    const ops = screen.getByRole('heading', { name: 'Ops (service)' }).closest('li') as HTMLElement;
    expect(within(ops).getByRole('checkbox', { name: /^Admin/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New token for Zapier (service)' }));
    const zapier = screen.getByRole('heading', { name: 'Zapier (service)' }).closest('li') as HTMLElement;
    expect(within(zapier).queryByRole('checkbox', { name: /^Admin/ })).toBeNull();
    fireEvent.input(within(zapier).getByLabelText('Name'), { target: { value: 'CI' } });
    fireEvent.click(within(zapier).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(sentInput(sent, 'CreateApiToken')).toMatchObject({ name: 'CI', scopes: ['READ'], ownerId: 's1' }));
    const shown = await within(zapier).findByRole('region', { name: 'Token for Zapier (service)' });
    expect((within(shown).getByLabelText('API token') as HTMLInputElement).value).toBe('j365_for-zapier');
  });
});
