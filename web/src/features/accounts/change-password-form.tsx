import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { getFragmentData } from '../../gql';
import { passwordAcceptable } from '../../lib/account-rules';
import { describeError, errorField } from '../../lib/graphql-errors';
import { session, startChangedPasswordSession } from '../../lib/session';
import { changedPasswordSessionFragment, changePasswordMutation } from './change-password.graphql';
import { NewPasswordFields } from './new-password-fields';

/**
 * The current password (the one-time one, when that is how the person signed in) and a new one (its rules
 * ticked as typed, confirmed). The server ends every other
 * session of the user and starts a new one here, which this form adopts before calling `onChanged`.
 */
export function ChangePasswordForm(props: {
  onChanged: () => void;
  submitLabel?: string;
  /** The button spans the form, as on the sign-in card (the forced change page); beside other settings it does not. */
  wide?: boolean;
}) {
  const [change, sendChange] = createMutation(changePasswordMutation);
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [confirmation, setConfirmation] = createSignal('');
  const [submitted, setSubmitted] = createSignal(false);
  const [serverError, setServerError] = createSignal<{ field?: string | undefined; message: string }>();
  let currentInput: HTMLInputElement | undefined;

  // Signed in with an admin's one-time password, that is the password to give here: call it so.
  const oneTime = () => session.mustChangePassword();
  const currentLabel = () => (oneTime() ? 'One-time password' : 'Current password');
  const currentError = () => {
    if (serverError()?.field === 'currentPassword')
      return oneTime() ? 'This is not the one-time password you were given.' : 'This is not your current password.';
    if (!submitted() || current()) return undefined;
    return oneTime() ? 'Enter the one-time password you were given.' : 'Enter your current password.';
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (change.fetching) return;
    setSubmitted(true);
    if (!current() || !passwordAcceptable(next(), current()) || confirmation() !== next()) {
      const form = event.currentTarget as HTMLFormElement;
      queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setServerError(undefined);
    const result = await sendChange({ input: { currentPassword: current(), newPassword: next() } });
    if (result.error) {
      const field = errorField(result.error);
      setServerError({ field, message: describeError(result.error) });
      if (field === 'currentPassword') {
        setCurrent('');
        currentInput?.focus();
      }
      return;
    }
    if (result.data && startChangedPasswordSession(getFragmentData(changedPasswordSessionFragment, result.data.changePassword))) {
      setCurrent('');
      setNext('');
      setConfirmation('');
      setSubmitted(false);
      props.onChanged();
    } else setServerError({ message: 'The password was changed, but signing in again failed. Sign in with your new password.' });
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <ErrorBanner message={serverError() && !['currentPassword', 'newPassword'].includes(serverError()?.field ?? '') ? serverError()?.message : undefined} />
      <fieldset class="form-fields" disabled={change.fetching}>
        <Field label={currentLabel()} error={currentError()}>
          {(control) => (
            <input
              {...control}
              ref={currentInput}
              class="field-input"
              type="password"
              name="current-password"
              autocomplete="current-password"
              required
              value={current()}
              onInput={(event) => {
                setCurrent(event.currentTarget.value);
                if (serverError()?.field === 'currentPassword') setServerError(undefined);
              }}
            />
          )}
        </Field>
        <NewPasswordFields
          label="New password"
          confirmLabel="Confirm new password"
          password={next()}
          confirmation={confirmation()}
          current={current()}
          onPassword={(value) => {
            setNext(value);
            if (serverError()?.field === 'newPassword') setServerError(undefined);
          }}
          onConfirmation={setConfirmation}
          showErrors={submitted()}
          serverError={serverError()?.field === 'newPassword' ? serverError()?.message : undefined}
        />
        <button type="submit" class="button button-primary" classList={{ 'button-block': props.wide }}>
          <Show when={change.fetching} fallback={props.submitLabel ?? 'Change password'}>
            Changing password…
          </Show>
        </button>
      </fieldset>
    </form>
  );
}
