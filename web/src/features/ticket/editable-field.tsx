import { createEffect, createSignal, For, type JSX, on, Show } from 'solid-js';
import { Field } from '../../components/field';

export type EditorKind =
  | { type: 'text'; maxLength?: number }
  | { type: 'textarea' }
  | { type: 'number'; min?: number; max?: number; step?: string }
  | { type: 'datetime' }
  | { type: 'select'; options: readonly { value: string; label: string }[] };

/**
 * A value with an inline editor for people who may edit it: "Edit" opens the editor in place, Save sends,
 * Esc or Cancel closes. A refused save keeps the editor open with what was typed and says why (after a
 * CONFLICT the ticket above has been reloaded, so saving again applies the text to the new version).
 */
export function EditableField(props: {
  label: string;
  /** The current value as the editor's text. */
  value: string;
  /** How the value reads when not editing. */
  children: JSX.Element;
  canEdit: boolean;
  editor: EditorKind;
  /** The ticket version on screen. The editor sends the one it opened on, so a change made meanwhile is refused, not overwritten. */
  version: number;
  onSave: (text: string, expectedVersion: number) => Promise<string | undefined>;
  /** 'value' (default): the value itself opens the editor; 'button': a separate Edit button (for headings and long text). */
  trigger?: 'value' | 'button';
  class?: string;
}) {
  const [editing, setEditing] = createSignal(false);
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  let editButton: HTMLButtonElement | undefined;
  let baseVersion = 0;
  let refused = false;

  // After a refusal the ticket is reloaded: the next save applies the kept text to the version now shown.
  createEffect(
    on(
      () => props.version,
      (version) => {
        if (refused) {
          baseVersion = version;
          refused = false;
        }
      },
    ),
  );

  const open = () => {
    baseVersion = props.version;
    refused = false;
    setText(props.value);
    setError(undefined);
    setEditing(true);
  };
  const close = () => {
    setEditing(false);
    setError(undefined);
    queueMicrotask(() => editButton?.focus());
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    if (text() === props.value) return close();
    setSaving(true);
    const refusal = await props.onSave(text(), baseVersion).finally(() => setSaving(false));
    if (refusal) {
      // The version on screen may already be the newer one (a live event came first); a reload on its way
      // moves it on again through the effect above.
      baseVersion = props.version;
      refused = true;
      setError(refusal);
    } else close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && props.editor.type === 'textarea') {
      (event.currentTarget as HTMLElement).closest('form')?.requestSubmit();
    }
  };

  return (
    <div class={`editable ${props.class ?? ''}`}>
      <Show
        when={editing()}
        fallback={
          <Show
            when={props.trigger === 'button'}
            fallback={
              <div class="editable-view">
                <Show when={props.canEdit} fallback={<div class="editable-value">{props.children}</div>}>
                  <button ref={editButton} type="button" class="editable-trigger" onClick={open}>
                    <span class="editable-value">{props.children}</span>
                    <span class="visually-hidden">, edit {props.label.toLowerCase()}</span>
                  </button>
                </Show>
              </div>
            }
          >
            <div class="editable-view editable-view-block">
              <div class="editable-value">{props.children}</div>
              <Show when={props.canEdit}>
                <button ref={editButton} type="button" class="editable-edit" aria-label={`Edit ${props.label.toLowerCase()}`} onClick={open}>
                  Edit
                </button>
              </Show>
            </div>
          </Show>
        }
      >
        <form class="editable-form" onSubmit={save} onKeyDown={onKeyDown}>
          <Field label={props.label} error={error()}>
            {(control) => <Editor kind={props.editor} control={control} value={text()} onInput={setText} />}
          </Field>
          <div class="editable-buttons">
            <button type="submit" class="button button-primary button-small" disabled={saving()}>
              {saving() ? 'Saving…' : 'Save'}
            </button>
            <button type="button" class="button button-quiet button-small" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}

function Editor(props: {
  kind: EditorKind;
  control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': boolean };
  value: string;
  onInput: (text: string) => void;
}) {
  const input = (event: { currentTarget: { value: string } }) => props.onInput(event.currentTarget.value);
  // The editor opens where the person clicked: focus goes straight into it.
  const focus = (element: HTMLElement) => queueMicrotask(() => element.focus());
  const kind = props.kind;
  switch (kind.type) {
    case 'textarea':
      return <textarea ref={focus} class="field-input" rows={8} {...props.control} value={props.value} onInput={input} />;
    case 'select':
      return (
        <select ref={focus} class="field-input" {...props.control} value={props.value} onChange={input}>
          <For each={kind.options}>
            {(option) => (
              <option value={option.value} selected={option.value === props.value}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      );
    case 'datetime':
      return <input ref={focus} class="field-input" type="datetime-local" {...props.control} value={props.value} onInput={input} />;
    case 'number':
      return (
        <input
          ref={focus}
          class="field-input"
          type="number"
          min={kind.min}
          max={kind.max}
          step={kind.step ?? '1'}
          {...props.control}
          value={props.value}
          onInput={input}
        />
      );
    default:
      return <input ref={focus} class="field-input" maxLength={kind.maxLength} {...props.control} value={props.value} onInput={input} />;
  }
}
