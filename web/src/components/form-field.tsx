import { createUniqueId, type JSX, Show, splitProps } from 'solid-js';

type FormFieldProps = JSX.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
};

/** A labelled input; every other prop (value, onInput, type, autocomplete, ref...) goes to the input. */
export function FormField(props: FormFieldProps) {
  const [own, input] = splitProps(props, ['label', 'hint']);
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {own.label}
      </label>
      <input class="field-input" id={id} aria-describedby={own.hint ? hintId : undefined} {...input} />
      <Show when={own.hint}>
        {(hint) => (
          <p class="field-hint" id={hintId}>
            {hint()}
          </p>
        )}
      </Show>
    </div>
  );
}
