import { useNavigate } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { displayNameProblem, emailProblem, normalizeUsername, passwordAcceptable, usernameProblem } from '../../lib/account-rules';
import { describeError, errorField } from '../../lib/graphql-errors';
import { startSession } from '../../lib/session';
import { NewPasswordFields } from './new-password-fields';
import { registerDepartmentsQuery, registerMutation } from './register.graphql';

type FieldName = 'username' | 'email' | 'displayName' | 'departmentId' | 'password';

/**
 * A new member's account: who they are, their department and a password (its rules ticked as they type).
 * Each field says what is wrong once the person leaves it or tries to send; the server's refusal (a taken
 * username, say) lands on the field it names. An account awaiting approval goes on to the waiting page.
 */
export function RegisterForm() {
  const navigate = useNavigate();
  const [departments] = createQuery({ query: registerDepartmentsQuery });
  const [register, sendRegister] = createMutation(registerMutation);
  const [values, setValues] = createSignal({ username: '', email: '', displayName: '', departmentId: '', password: '', confirmation: '' });
  const [touched, setTouched] = createSignal<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = createSignal(false);
  const [serverError, setServerError] = createSignal<{ field?: string | undefined; message: string }>();

  const set = (field: keyof ReturnType<typeof values>, value: string) => {
    setValues({ ...values(), [field]: value });
    if (serverError()?.field === field) setServerError(undefined);
  };
  const touch = (field: FieldName) => setTouched({ ...touched(), [field]: true });

  const problems = () => ({
    username: usernameProblem(values().username),
    email: emailProblem(values().email),
    displayName: displayNameProblem(values().displayName),
    departmentId: values().departmentId ? undefined : 'Choose your department.',
  });
  const shown = (field: Exclude<FieldName, 'password'>) => {
    const server = serverError();
    if (server?.field === field) return server.message;
    return submitted() || touched()[field] ? problems()[field] : undefined;
  };
  const passwordServerError = () => (serverError()?.field === 'password' ? serverError()?.message : undefined);
  const bannerError = () => {
    const server = serverError();
    return server && !server.field ? server.message : undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (register.fetching) return;
    setSubmitted(true);
    const current = values();
    const invalid = Object.values(problems()).some(Boolean) || !passwordAcceptable(current.password) || current.confirmation !== current.password;
    if (invalid) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    setServerError(undefined);
    const result = await sendRegister({
      input: {
        username: normalizeUsername(current.username),
        email: current.email.trim(),
        displayName: current.displayName.trim(),
        departmentId: current.departmentId,
        password: current.password,
      },
    });
    if (result.error) {
      const field = errorField(result.error);
      const known = field && ['username', 'email', 'displayName', 'departmentId', 'password'].includes(field);
      setServerError({ field: known ? field : undefined, message: describeError(result.error) });
      return;
    }
    const payload = result.data?.register;
    if (!payload) return;
    if (startSession(payload)) navigate('/', { replace: true });
    else navigate(`/register/waiting?username=${encodeURIComponent(normalizeUsername(current.username))}`, { replace: true });
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <ErrorBanner message={bannerError()} />
      <fieldset class="form-fields" disabled={register.fetching}>
        <Field label="Username" error={shown('username')} hint="3–32 characters: letters, digits, dots, dashes or underscores.">
          {(control) => (
            <input
              {...control}
              class="field-input"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              value={values().username}
              onInput={(event) => set('username', event.currentTarget.value)}
              onBlur={() => touch('username')}
            />
          )}
        </Field>
        <Field label="E-mail" error={shown('email')}>
          {(control) => (
            <input
              {...control}
              class="field-input"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={values().email}
              onInput={(event) => set('email', event.currentTarget.value)}
              onBlur={() => touch('email')}
            />
          )}
        </Field>
        <Field label="Display name" error={shown('displayName')} hint="How your name appears to the team.">
          {(control) => (
            <input
              {...control}
              class="field-input"
              name="displayName"
              autocomplete="name"
              required
              value={values().displayName}
              onInput={(event) => set('displayName', event.currentTarget.value)}
              onBlur={() => touch('displayName')}
            />
          )}
        </Field>
        <Field label="Department" error={departments.error ? 'The departments could not be loaded. Reload the page to try again.' : shown('departmentId')}>
          {(control) => (
            <select
              {...control}
              class="field-input"
              name="departmentId"
              required
              value={values().departmentId}
              onChange={(event) => set('departmentId', event.currentTarget.value)}
              onBlur={() => touch('departmentId')}
            >
              <option value="">{departments.fetching ? 'Loading departments…' : 'Choose your department'}</option>
              <For each={departments.data?.departments ?? []}>
                {(department) => (
                  <option value={department.id} selected={values().departmentId === department.id}>
                    {department.name}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <NewPasswordFields
          label="Password"
          confirmLabel="Confirm password"
          password={values().password}
          confirmation={values().confirmation}
          onPassword={(value) => set('password', value)}
          onConfirmation={(value) => set('confirmation', value)}
          showErrors={submitted()}
          serverError={passwordServerError()}
        />
        <button type="submit" class="button button-primary button-block">
          <Show when={register.fetching} fallback="Create account">
            Creating account…
          </Show>
        </button>
      </fieldset>
    </form>
  );
}

function focusFirstInvalid(form: HTMLFormElement): void {
  // After Solid has rendered the errors: the first field marked invalid, or the first empty one.
  queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
