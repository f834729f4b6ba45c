import { createMutation } from '@urql/solid';
import { createSignal, createUniqueId, For } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { describeError, errorField } from '../../lib/graphql-errors';
import { EventPicker } from './event-picker';
import { EMPTY_WEBHOOK_DRAFT, toCreateWebhookInput, validateWebhookDraft, type WebhookDraft, type WebhookDraftErrors } from './webhook-rules';
import { createWebhookMutation } from './webhooks.graphql';

const FIELDS = ['url', 'events', 'description'] as const;

/** Registers an endpoint: its URL, the events it receives, an optional department and a note. The secret goes to `onCreated`. */
export function WebhookForm(props: { departments: readonly { id: string; name: string }[]; onCreated: (secret: string) => void }) {
  const id = createUniqueId();
  const fresh = (): WebhookDraft => ({ ...EMPTY_WEBHOOK_DRAFT, events: [...EMPTY_WEBHOOK_DRAFT.events] });
  const [draft, setDraft] = createSignal<WebhookDraft>(fresh());
  const [errors, setErrors] = createSignal<WebhookDraftErrors>({});
  const [failure, setFailure] = createSignal<string>();
  const [state, create] = createMutation(createWebhookMutation);
  let form!: HTMLFormElement;

  const update = (change: Partial<WebhookDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    if (Object.keys(errors()).length > 0) setErrors(validateWebhookDraft(draft()));
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (state.fetching) return;
    setFailure(undefined);
    const found = validateWebhookDraft(draft());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const result = await create({ input: toCreateWebhookInput(draft()) });
    const secret = result.data?.createWebhook.secret;
    if (result.error || !secret) {
      const message = result.error ? describeError(result.error) : 'The webhook was made without its secret.';
      const field = errorField(result.error);
      if (field && (FIELDS as readonly string[]).includes(field)) {
        setErrors({ [field]: message });
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else setFailure(message);
      return;
    }
    setDraft(fresh());
    props.onCreated(secret);
  };

  return (
    <form ref={form} class="admin-form card webhook-form" onSubmit={submit} novalidate aria-labelledby={`${id}-title`}>
      <h2 class="admin-form-title" id={`${id}-title`}>
        New webhook
      </h2>
      <Field label="Endpoint URL" error={errors().url} hint="Each event is POSTed here as signed JSON (Standard Webhooks).">
        {(control) => (
          <input
            class="field-input"
            type="url"
            inputmode="url"
            {...control}
            autocomplete="off"
            spellcheck={false}
            placeholder="https://example.com/hooks/juan365"
            value={draft().url}
            onInput={(event) => update({ url: event.currentTarget.value })}
          />
        )}
      </Field>
      <EventPicker value={draft().events} error={errors().events} onChange={(events) => update({ events })} />
      <div class="admin-form-grid">
        <Field label="Department" hint="Only tickets of this department.">
          {(control) => (
            <select class="field-input" {...control} onChange={(event) => update({ departmentId: event.currentTarget.value })}>
              <option value="">Every department I can see</option>
              <For each={props.departments}>
                {(department) => (
                  <option value={department.id} selected={department.id === draft().departmentId}>
                    {department.name}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <Field label="Description (optional)" error={errors().description}>
          {(control) => (
            <input
              class="field-input"
              {...control}
              autocomplete="off"
              value={draft().description}
              onInput={(event) => update({ description: event.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <ErrorBanner message={failure()} />
      <div class="admin-form-actions">
        <button type="submit" class="button button-primary" disabled={state.fetching}>
          Create webhook
        </button>
      </div>
    </form>
  );
}
