import { createMutation } from '@urql/solid';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import type { Role } from '../../gql/graphql';
import { describeError, errorField } from '../../lib/graphql-errors';
import { createApiTokenMutation } from './api-tokens.graphql';
import {
  EMPTY_TOKEN_DRAFT,
  EXPIRY_PRESETS,
  type ExpiryChoice,
  SCOPE_EXPLANATIONS,
  SCOPE_LABELS,
  scopesFor,
  type TokenDraft,
  type TokenDraftErrors,
  toCreateTokenInput,
  validateTokenDraft,
} from './token-rules';

/** Today as a date input's value, the earliest day an expiry may be picked. */
function today(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Makes a token: a name, its scopes (ADMIN only offered when the owner is an admin) and an expiry. The secret
 * goes to `onCreated`, which shows it once. `ownerId` makes it for a service account (admins).
 */
export function TokenForm(props: { title: string; ownerRole: Role | undefined; ownerId?: string; onCreated: (token: string) => void; onCancel?: () => void }) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<TokenDraft>({ ...EMPTY_TOKEN_DRAFT, scopes: [...EMPTY_TOKEN_DRAFT.scopes] });
  const [errors, setErrors] = createSignal<TokenDraftErrors>({});
  const [failure, setFailure] = createSignal<string>();
  const [state, create] = createMutation(createApiTokenMutation);
  let form!: HTMLFormElement;

  const update = (change: Partial<TokenDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    // Once a field was flagged, say as soon as it is right.
    if (Object.keys(errors()).length > 0) setErrors(validateTokenDraft(draft(), new Date()));
  };
  const toggleScope = (scope: TokenDraft['scopes'][number], on: boolean) =>
    update({ scopes: on ? [...draft().scopes, scope] : draft().scopes.filter((held) => held !== scope) });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    const now = new Date();
    const found = validateTokenDraft(draft(), now);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const input = { ...toCreateTokenInput(draft(), now), ...(props.ownerId ? { ownerId: props.ownerId } : {}) };
    const result = await create({ input });
    const token = result.data?.createApiToken.token;
    if (result.error || !token) {
      const field = errorField(result.error) as keyof TokenDraftErrors | undefined;
      const message = result.error ? describeError(result.error) : 'The token was made without its secret.';
      if (field && ['name', 'scopes', 'expiresAt'].includes(field)) setErrors({ [field]: message });
      else setFailure(message);
      return;
    }
    setDraft({ ...EMPTY_TOKEN_DRAFT, scopes: [...EMPTY_TOKEN_DRAFT.scopes] });
    props.onCreated(token);
  };

  return (
    <form ref={form} class="admin-form card token-form" onSubmit={submit} novalidate aria-labelledby={`${id}-title`}>
      <h2 class="admin-form-title" id={`${id}-title`}>
        {props.title}
      </h2>
      <Field label="Name" error={errors().name} hint="What uses it, so you know which one to revoke (e.g. “Zapier sync”).">
        {(control) => (
          <input class="field-input" {...control} autocomplete="off" value={draft().name} onInput={(event) => update({ name: event.currentTarget.value })} />
        )}
      </Field>

      <fieldset class="token-fieldset" aria-describedby={errors().scopes ? `${id}-scopes-error` : undefined}>
        <legend class="field-label">Scopes</legend>
        <For each={scopesFor(props.ownerRole)}>
          {(scope) => (
            <label class="token-choice">
              <input
                type="checkbox"
                checked={draft().scopes.includes(scope)}
                aria-invalid={errors().scopes ? 'true' : undefined}
                onChange={(event) => toggleScope(scope, event.currentTarget.checked)}
              />
              <span>
                <span class="token-choice-name">{SCOPE_LABELS[scope]}</span>
                <span class="token-choice-hint">{SCOPE_EXPLANATIONS[scope]}</span>
              </span>
            </label>
          )}
        </For>
        <Show when={errors().scopes}>
          <p class="field-error" id={`${id}-scopes-error`}>
            {errors().scopes}
          </p>
        </Show>
      </fieldset>

      <fieldset class="token-fieldset">
        <legend class="field-label">Expires</legend>
        <div class="token-expiry">
          <For each={EXPIRY_PRESETS}>
            {(preset) => (
              <label class="admin-check">
                <input
                  type="radio"
                  name={`${id}-expiry`}
                  value={preset.value}
                  checked={draft().expiry === preset.value}
                  onChange={() => update({ expiry: preset.value as ExpiryChoice })}
                />
                {preset.label}
              </label>
            )}
          </For>
        </div>
        <Show when={draft().expiry === 'date'}>
          <Field label="Expiry date" error={errors().expiresAt} hint="The token stops working at the end of that day." class="token-date">
            {(control) => (
              <input
                class="field-input"
                type="date"
                {...control}
                min={today(new Date())}
                value={draft().expiryDate}
                onInput={(event) => update({ expiryDate: event.currentTarget.value })}
              />
            )}
          </Field>
        </Show>
        <Show when={draft().expiry !== 'date' && errors().expiresAt}>
          <p class="field-error">{errors().expiresAt}</p>
        </Show>
      </fieldset>

      <ErrorBanner message={failure()} />
      <div class="admin-form-actions">
        <Show when={props.onCancel}>
          <button type="button" class="button button-quiet" onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
        <button type="submit" class="button button-primary" disabled={state.fetching}>
          Create token
        </button>
      </div>
    </form>
  );
}
