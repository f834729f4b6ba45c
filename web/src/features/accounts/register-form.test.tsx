import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { RegisterPage } from './register-page';

const departments = [
  { __typename: 'Department', id: 'd-marketing', name: 'Marketing' },
  { __typename: 'Department', id: 'd-sales', name: 'Sales' },
];

const pendingPayload = {
  __typename: 'AuthPayload',
  accessToken: null,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
  pendingApproval: true,
  mustChangePassword: false,
  user: { __typename: 'User', id: 'u-new', username: 'new.person', displayName: 'New Person', role: 'MEMBER' },
};

const answer: Responder = (operation) => {
  if (operation.operationName === 'RegisterDepartments') return { data: { departments } };
  if (operation.operationName === 'Register') return { data: { register: pendingPayload } };
  return { errors: [{ message: `unexpected ${operation.operationName}` }] };
};

function renderPage(respond: Responder = answer) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/register" component={RegisterPage} />
        <Route path="/register/waiting" component={() => <p>waiting page</p>} />
      </Router>
    </Provider>
  ));
  return fake;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const rule = (id: string) => document.querySelector(`[data-rule="${id}"]`);

async function fillValid() {
  await waitFor(() => expect(screen.getByRole('option', { name: 'Sales' })).toBeTruthy());
  type('Username', 'New.Person');
  type('E-mail', 'new.person@example.com');
  type('Display name', 'New Person');
  fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'd-sales' } });
  type('Password', 'long-enough-1');
  type('Confirm password', 'long-enough-1');
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  localStorage.clear();
  window.history.replaceState(null, '', '/register');
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('RegisterPage', () => {
  it('ticks the password rules as the password is typed', () => {
    renderPage();
    expect(rule('min')?.classList.contains('password-rule-met')).toBe(false);
    // Nothing typed is within the maximum: it never reads "At most 256 characters (not met yet)".
    expect(rule('max')?.textContent).toContain('(met)');
    type('Password', 'short');
    expect(rule('min')?.classList.contains('password-rule-met')).toBe(false);
    expect(rule('min')?.textContent).toContain('not met yet');
    type('Password', 'long enough');
    expect(rule('min')?.classList.contains('password-rule-met')).toBe(true);
    expect(rule('max')?.classList.contains('password-rule-met')).toBe(true);
    type('Password', 'x'.repeat(257));
    expect(rule('max')?.classList.contains('password-rule-met')).toBe(false);
  });

  it('says what is wrong with each field and sends nothing until all are right', async () => {
    const { sent } = renderPage();
    await waitFor(() => expect(screen.getByRole('option', { name: 'Sales' })).toBeTruthy());
    type('Username', '-x');
    type('E-mail', 'not-an-address');
    type('Password', 'short');
    type('Confirm password', 'other');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Use 3 to 32 characters.')).toBeTruthy();
    expect(screen.getByText('This is not an e-mail address (like name@example.com).')).toBeTruthy();
    expect(screen.getByText('Enter the name your team knows you by.')).toBeTruthy();
    expect(screen.getByText('Choose your department.')).toBeTruthy();
    expect(screen.getByText('This password does not meet every rule below.')).toBeTruthy();
    expect(screen.getByText('The two passwords differ.')).toBeTruthy();
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(sent.filter((operation) => operation.operationName === 'Register')).toHaveLength(0);

    type('Username', 'a..b-');
    expect(screen.getByText('Start and end with a letter or digit.')).toBeTruthy();
    type('Username', 'with space');
    expect(screen.getByText('Use only letters, digits, dots, dashes or underscores.')).toBeTruthy();
  });

  it('registers with the normalized username and goes on to the waiting page', async () => {
    const { sent } = renderPage();
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByText('waiting page')).toBeTruthy());
    const register = sent.find((operation) => operation.operationName === 'Register');
    expect(register?.variables).toEqual({
      input: { username: 'new.person', email: 'new.person@example.com', displayName: 'New Person', departmentId: 'd-sales', password: 'long-enough-1' },
    });
    expect(window.location.search).toBe('?username=new.person');
    expect(localStorage.getItem('juan365.session')).toBeNull();
  });

  it("puts the server's refusal on the field it names", async () => {
    renderPage((operation) =>
      operation.operationName === 'Register'
        ? { errors: [{ message: 'That username or email is already taken.', extensions: { code: 'BAD_USER_INPUT', field: 'username' } }] }
        : answer(operation),
    );
    await fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const message = await screen.findByText('That username or email is already taken.');
    expect(message.classList.contains('field-error')).toBe(true);
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    type('Username', 'another.name');
    expect(screen.queryByText('That username or email is already taken.')).toBeNull();
  });
});
