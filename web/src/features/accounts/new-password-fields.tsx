import { createUniqueId } from 'solid-js';
import { Field } from '../../components/field';
import { passwordRules } from '../../lib/account-rules';
import { PasswordRules } from './password-rules';

/**
 * A new password and its confirmation. The password's rules are listed under it and ticked as they are met;
 * the confirmation says when it does not match. Errors show once `showErrors` is on (after a first submit).
 */
export function NewPasswordFields(props: {
  label: string;
  confirmLabel: string;
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  /** For a password change: the new one must differ from it. */
  current?: string;
  showErrors: boolean;
  /** The server's word on the password, when it refused it. */
  serverError?: string | undefined;
}) {
  const rulesId = createUniqueId();
  const rules = () => passwordRules(props.password, props.current);
  const passwordError = () => {
    if (props.serverError) return props.serverError;
    if (!props.showErrors) return undefined;
    return rules().find((rule) => !rule.met) ? 'This password does not meet every rule below.' : undefined;
  };
  const confirmationError = () => {
    if (!props.confirmation && !props.showErrors) return undefined;
    if (props.confirmation === props.password) return undefined;
    // While typing, wait until the confirmation is as long as the password before calling it wrong.
    if (!props.showErrors && props.confirmation.length < props.password.length) return undefined;
    return 'The two passwords differ.';
  };
  return (
    <>
      <Field label={props.label} error={passwordError()}>
        {(control) => (
          <input
            {...control}
            aria-describedby={[control['aria-describedby'], rulesId].filter(Boolean).join(' ')}
            class="field-input"
            type="password"
            name="new-password"
            autocomplete="new-password"
            required
            value={props.password}
            onInput={(event) => props.onPassword(event.currentTarget.value)}
          />
        )}
      </Field>
      <PasswordRules id={rulesId} rules={rules()} />
      <Field label={props.confirmLabel} error={confirmationError()}>
        {(control) => (
          <input
            {...control}
            class="field-input"
            type="password"
            name="confirm-password"
            autocomplete="new-password"
            required
            value={props.confirmation}
            onInput={(event) => props.onConfirmation(event.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}
