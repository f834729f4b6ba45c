import { For } from 'solid-js';
import type { PasswordRule } from '../../lib/account-rules';
import './accounts.css';

/** The rules of a new password, each ticked as soon as the typed password meets it. */
export function PasswordRules(props: { id: string; rules: PasswordRule[] }) {
  return (
    <ul class="password-rules" id={props.id}>
      <For each={props.rules}>
        {(rule) => (
          <li class="password-rule" classList={{ 'password-rule-met': rule.met }} data-rule={rule.id}>
            <span class="password-rule-mark" aria-hidden="true">
              {rule.met ? '✓' : '•'}
            </span>
            {rule.label}
            <span class="visually-hidden">{rule.met ? ' (met)' : ' (not met yet)'}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
