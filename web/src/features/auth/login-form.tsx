import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { describeError, errorCode } from '../../lib/graphql-errors';
import { startSession } from '../../lib/session';
import { loginMutation } from './login.graphql';

/**
 * Username and password → a session. Shows the server's reason when it says no (wrong credentials,
 * too many attempts, an account awaiting approval or deactivated). The page moves on once signed in.
 */
export function LoginForm() {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [failure, setFailure] = createSignal<string>();
  const [login, sendLogin] = createMutation(loginMutation);
  let passwordInput: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (login.fetching) return;
    setFailure(undefined);
    const result = await sendLogin({ input: { username: username().trim(), password: password() } });
    if (result.error) {
      setFailure(describeError(result.error));
      if (errorCode(result.error) === 'UNAUTHENTICATED') {
        setPassword('');
        passwordInput?.focus();
      }
    } else if (!result.data || !startSession(result.data.login)) {
      setFailure("This account cannot sign in yet: it is waiting for an admin's approval.");
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <ErrorBanner message={failure()} />
      <fieldset class="form-fields" disabled={login.fetching}>
        <Field label="Username">
          {(control) => (
            <input
              class="field-input"
              {...control}
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              autofocus
              value={username()}
              onInput={(event) => setUsername(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(control) => (
            <input
              class="field-input"
              {...control}
              name="password"
              type="password"
              autocomplete="current-password"
              required
              ref={passwordInput}
              value={password()}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="button button-primary button-block">
          <Show when={login.fetching} fallback="Sign in">
            Signing in…
          </Show>
        </button>
      </fieldset>
    </form>
  );
}
