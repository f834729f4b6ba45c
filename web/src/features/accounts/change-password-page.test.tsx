import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSession } from '../../lib/session';
import { SignedInLayout } from '../../routes/signed-in-layout';
import { fakeClient, type Responder } from '../../test/fake-client';
import { ChangePasswordPage } from './change-password-page';

const STORAGE_KEY = 'juan365.session';
const user = { id: 'u1', username: 'designer', displayName: 'Dana Designer', role: 'MEMBER' };

function jwt(lifetimeS: number): string {
  const iat = Math.floor(Date.now() / 1000);
  const body = btoa(JSON.stringify({ sub: 'u1', iat, exp: iat + lifetimeS }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `header.${body}.signature`;
}

/** A stored session, as a sign-in with a one-time password leaves it. */
function signInWithOneTimePassword() {
  const now = Date.now();
  localStorage.setItem(
    STORAGE_KEY,
    JSON.stringify({
      accessToken: jwt(900),
      accessExpiresAt: now + 900_000,
      refreshAt: now + 840_000,
      refreshExpiresAt: now + 86_400_000,
      user,
      mustChangePassword: true,
    }),
  );
  initSession();
}

/** The new session's access token (another lifetime, so it differs from the one-time password's). */
const newAccessToken = jwt(899);

const changed = () => ({
  data: {
    changePassword: {
      __typename: 'ChangePasswordPayload',
      accessToken: newAccessToken,
      accessTokenExpiresAt: new Date(Date.now() + 899_000).toISOString(),
      refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      user: { __typename: 'User', ...user },
    },
  },
});

function renderApp(respond: Responder, path: string) {
  window.history.replaceState(null, '', path);
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/change-password" component={ChangePasswordPage} />
        <Route path="/" component={SignedInLayout}>
          <Route path="/" component={() => <p>dashboard</p>} />
          <Route path="/board" component={() => <p>board</p>} />
        </Route>
      </Router>
    </Provider>
  ));
  return fake;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const rule = (id: string) => document.querySelector(`[data-rule="${id}"]`);

beforeEach(() => {
  window.scrollTo = () => undefined;
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('ChangePasswordPage', () => {
  it('is where every signed-in page sends a one-time password, and the change lands on the dashboard', async () => {
    signInWithOneTimePassword();
    const { sent } = renderApp((operation) => (operation.operationName === 'ChangePassword' ? changed() : { data: {} }), '/board');
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeTruthy();
    expect(window.location.pathname).toBe('/change-password');
    expect(screen.queryByText('board')).toBeNull();
    // The password to give is the one-time one the admin handed out, and the form says so.
    expect(screen.queryByLabelText('Current password')).toBeNull();

    type('One-time password', 'one-time-pass');
    type('New password', 'one-time-pass');
    expect(rule('differs')?.classList.contains('password-rule-met')).toBe(false);
    type('New password', 'my-own-password');
    expect(rule('differs')?.classList.contains('password-rule-met')).toBe(true);
    type('Confirm new password', 'my-own-password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    await waitFor(() => expect(screen.getByText('dashboard')).toBeTruthy());
    expect(window.location.pathname).toBe('/');
    expect(sent.find((operation) => operation.operationName === 'ChangePassword')?.variables).toEqual({
      input: { currentPassword: 'one-time-pass', newPassword: 'my-own-password' },
    });
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    expect(stored.accessToken).toBe(newAccessToken);
    // The new refresh token is in the server's HttpOnly cookie, never in storage.
    expect(stored).not.toHaveProperty('refreshToken');
    expect(stored.mustChangePassword).toBe(false);
  });

  it('refuses a new password that breaks a rule or is not confirmed, without asking the server', async () => {
    signInWithOneTimePassword();
    const { sent } = renderApp(() => ({ data: {} }), '/change-password');
    await screen.findByRole('heading', { name: 'Choose a new password' });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Enter the one-time password you were given.')).toBeTruthy();

    type('One-time password', 'one-time-pass');
    type('New password', 'short');
    type('Confirm new password', 'shirt');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByText('This password does not meet every rule below.')).toBeTruthy();
    expect(screen.getByText('The two passwords differ.')).toBeTruthy();
    expect(sent.filter((operation) => operation.operationName === 'ChangePassword')).toHaveLength(0);
  });

  it('says so when the current password is wrong and clears it', async () => {
    signInWithOneTimePassword();
    renderApp(
      (operation) =>
        operation.operationName === 'ChangePassword'
          ? { errors: [{ message: 'currentPassword is wrong.', extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } }] }
          : { data: {} },
      '/change-password',
    );
    await screen.findByRole('heading', { name: 'Choose a new password' });
    type('One-time password', 'not-it');
    type('New password', 'my-own-password');
    type('Confirm new password', 'my-own-password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('This is not the one-time password you were given.')).toBeTruthy();
    expect((screen.getByLabelText('One-time password') as HTMLInputElement).value).toBe('');
    expect(window.location.pathname).toBe('/change-password');
  });
});
