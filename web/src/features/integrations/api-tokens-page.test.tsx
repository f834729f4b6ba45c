import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { ApiTokensPage } from './api-tokens-page';

const token = (id: string, name: string, change: Record<string, unknown> = {}) => ({
  __typename: 'ApiToken',
  id,
  name,
  prefix: `j365_${id}abcdef`.slice(0, 12),
  scopes: ['READ'],
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  owner: { __typename: 'User', id: 'me', kind: 'PERSON' },
  ...change,
});

function answers(role: string, createAnswer?: ReturnType<Responder>): Responder {
  return (operation) => {
    switch (operation.operationName) {
      case 'ApiTokens':
        return {
          data: {
            viewer: { __typename: 'User', id: 'me', role },
            apiTokens: [
              token('t1', 'Zapier'),
              token('t2', 'Old script', { revokedAt: '2026-12-02T10:00:00Z' }),
              // A service account's token in an admin's list: not shown here.
              token('t3', 'Robot', { owner: { __typename: 'User', id: 'svc', kind: 'SERVICE' } }),
            ],
          },
        };
      case 'CreateApiToken':
        return createAnswer ?? { data: { createApiToken: { token: 'j365_secret-value', apiToken: token('t4', 'CI') } } };
      case 'RevokeApiToken': {
        const input = operation.variables.input as { id: string };
        return { data: { revokeApiToken: { apiToken: token(input.id, 'Zapier', { revokedAt: new Date().toISOString() }) } } };
      }
      default:
        return { errors: [{ message: `unexpected ${operation.operationName}` }] };
    }
  };
}

function renderPage(respond: Responder) {
  window.history.replaceState(null, '', '/profile/tokens');
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/profile/tokens" component={ApiTokensPage} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => {
  window.scrollTo = () => undefined;
});
afterEach(() => cleanup());

describe('ApiTokensPage', () => {
  it("lists the viewer's own tokens with their state and last use, and revokes one after a confirmation", async () => {
    const { sent } = renderPage(answers('MEMBER'));
    const table = await screen.findByRole('table', { name: 'Your API tokens' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('.admin-row-name')?.textContent)).toEqual(['Zapier', 'Old script']);
    expect(within(rows[0] as HTMLElement).getByText('Active')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Revoked')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getAllByText('Never')).toHaveLength(2); // expires, last used
    // A revoked token offers nothing more.
    expect(screen.queryByRole('button', { name: 'Revoke Old script' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Zapier' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Zapier”?' });
    expect(sent.some((operation) => operation.operationName === 'RevokeApiToken')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(sent.find((operation) => operation.operationName === 'RevokeApiToken')?.variables).toEqual({ input: { id: 't1' } }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers the ADMIN scope to admins only', async () => {
    renderPage(answers('MEMBER'));
    await screen.findByRole('table', { name: 'Your API tokens' });
    expect(screen.getByRole('checkbox', { name: /^Write/ })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /^Admin/ })).toBeNull();
    cleanup();
    renderPage(answers('ADMIN'));
    expect(await screen.findByRole('checkbox', { name: /^Admin/ })).toBeTruthy();
  });

  it('checks the form, sends name, scopes and expiry, then shows the secret once', async () => {
    const { sent } = renderPage(answers('MEMBER'));
    await screen.findByRole('table', { name: 'Your API tokens' });
    fireEvent.click(screen.getByRole('checkbox', { name: /^Read/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(screen.getByText('Give the token a name, e.g. the tool that will use it.')).toBeTruthy();
    expect(screen.getByText('Choose at least one scope.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(sent.some((operation) => operation.operationName === 'CreateApiToken')).toBe(false);

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: ' CI ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /^Write/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'No expiry' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() =>
      expect(sent.find((operation) => operation.operationName === 'CreateApiToken')?.variables).toEqual({
        input: { name: 'CI', scopes: ['WRITE'], expiresAt: null },
      }),
    );
    const shown = await screen.findByRole('region', { name: 'Your new token' });
    expect((within(shown).getByLabelText('API token') as HTMLInputElement).value).toBe('j365_secret-value');
    expect(within(shown).getByText(/you won’t see it again/)).toBeTruthy();
    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'Your new token' })).toBeNull();
    expect(screen.queryByDisplayValue('j365_secret-value')).toBeNull();
  });

  it("shows the server's BAD_USER_INPUT next to the field it names", async () => {
    renderPage(answers('MEMBER', { errors: [{ message: 'expiresAt must be in the future.', extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt' } }] }));
    await screen.findByRole('table', { name: 'Your API tokens' });
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'CI' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const message = await screen.findByText('expiresAt must be in the future.');
    expect(message.classList.contains('field-error')).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
