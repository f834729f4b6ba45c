import { createUniqueId, type JSX, Show } from 'solid-js';
import './field.css';

/** What the control inside a Field needs to be labelled and described. */
export type FieldControl = {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
};

/**
 * A visible label, the control (any input, select or textarea, given by the caller) and, below it, the
 * field's error or hint. The control gets the ids that tie them together, so screen readers read all three.
 */
export function Field(props: {
  label: string;
  /** Said by screen readers after the label but not shown (e.g. "for product 2" where the row says it). */
  labelSuffix?: string;
  error?: string | undefined;
  hint?: JSX.Element;
  class?: string;
  children: (control: FieldControl) => JSX.Element;
}) {
  const id = createUniqueId();
  const describedBy = () => (props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined);
  return (
    <div class={`field ${props.class ?? ''}`} classList={{ 'field-invalid': Boolean(props.error) }}>
      <label class="field-label" for={id}>
        {props.label}
        <Show when={props.labelSuffix}>
          <span class="visually-hidden"> {props.labelSuffix}</span>
        </Show>
      </label>
      {props.children({
        get id() {
          return id;
        },
        get 'aria-describedby'() {
          return describedBy();
        },
        get 'aria-invalid'() {
          return Boolean(props.error);
        },
      })}
      <Show
        when={props.error}
        fallback={
          <Show when={props.hint}>
            <p class="field-hint" id={`${id}-hint`}>
              {props.hint}
            </p>
          </Show>
        }
      >
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
