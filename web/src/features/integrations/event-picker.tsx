import { createEffect, createUniqueId, For, Show } from 'solid-js';
import { EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEventType } from './webhook-rules';

/** The event types a webhook receives: one checkbox each, and "All events" (mixed when some are chosen). */
export function EventPicker(props: { value: readonly WebhookEventType[]; error?: string; onChange: (events: WebhookEventType[]) => void }) {
  const id = createUniqueId();
  let all!: HTMLInputElement;
  const allChosen = () => WEBHOOK_EVENTS.every((type) => props.value.includes(type));
  createEffect(() => {
    all.indeterminate = props.value.length > 0 && !allChosen();
  });
  const toggle = (type: WebhookEventType, on: boolean) =>
    props.onChange(on ? WEBHOOK_EVENTS.filter((event) => event === type || props.value.includes(event)) : props.value.filter((event) => event !== type));
  return (
    <fieldset class="token-fieldset" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend class="field-label">Events</legend>
      <label class="token-choice event-all">
        <input
          ref={all}
          type="checkbox"
          checked={allChosen()}
          aria-invalid={props.error ? 'true' : undefined}
          onChange={(event) => props.onChange(event.currentTarget.checked ? [...WEBHOOK_EVENTS] : [])}
        />
        <span class="token-choice-name">All events</span>
      </label>
      <div class="event-grid">
        <For each={WEBHOOK_EVENTS}>
          {(type) => (
            <label class="token-choice">
              <input type="checkbox" checked={props.value.includes(type)} onChange={(event) => toggle(type, event.currentTarget.checked)} />
              <span>{EVENT_LABELS[type]}</span>
            </label>
          )}
        </For>
      </div>
      <Show when={props.error}>
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
