import { createSignal, createUniqueId, onCleanup, onMount, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import '../../components/dialog.css';
import { ACTIONS, type ActionInput, EMPTY_INPUT, type InputErrors, type RunnableAction, validateActionInput } from './action-rules';
import { CollaboratorChecklist } from './collaborator-checklist';
import { PersonPicker } from './person-picker';
import { ReviewWarning } from './review-warning';
import './ticket-actions.css';

export type ActionDialogProps = {
  action: RunnableAction;
  ticket: { id: string; number: number; title: string };
  /** Sends the action; resolves with an error message to show, or undefined when it went through. */
  onSubmit: (input: ActionInput) => Promise<string | undefined>;
  onClose: () => void;
};

/**
 * A modal dialog collecting what the action needs. The native <dialog> opened with showModal() makes the
 * rest of the page inert (focus stays inside) and closes on Esc; focus returns to where it was.
 */
export function ActionDialog(props: ActionDialogProps) {
  const id = createUniqueId();
  const needs = () => ACTIONS[props.action].inputs;
  const label = () => ACTIONS[props.action].label;
  const [input, setInput] = createSignal<ActionInput>({ ...EMPTY_INPUT });
  const [errors, setErrors] = createSignal<InputErrors>({});
  const [failure, setFailure] = createSignal<string>();
  const [sending, setSending] = createSignal(false);
  /** A change to a field takes back its error (it is checked again on submit): a picked person is no longer "missing". */
  const set = (field: Exclude<keyof ActionInput, 'collaboratorIds'>) => (value: string) => {
    setInput((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _fixed, ...others }) => others);
  };
  let dialog!: HTMLDialogElement;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  onMount(() => {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', ''); // environments without modal dialogs (jsdom)
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  });
  onCleanup(() => {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    returnFocus?.focus();
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    const found = validateActionInput(props.action, input());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      dialog.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    const message = await props.onSubmit(input());
    setSending(false);
    if (message) setFailure(message);
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={needs().confirm ? `${id}-confirm` : undefined}
      onCancel={(event) => {
        event.preventDefault(); // Esc: let the owner unmount the dialog, so state and focus stay in step
        props.onClose();
      }}
    >
      <form class="dialog-form" onSubmit={submit} novalidate>
        <header class="action-dialog-header">
          <h2 class="dialog-title" id={`${id}-title`}>
            {label()} #{props.ticket.number}
          </h2>
          <p class="action-dialog-ticket muted">{props.ticket.title}</p>
        </header>
        <Show when={needs().confirm}>
          {(text) => (
            <p class="action-dialog-confirm" id={`${id}-confirm`}>
              {text()}
            </p>
          )}
        </Show>
        <Show when={needs().person}>
          {(person) => (
            <PersonPicker
              label={person() === 'assignee' ? 'Assignee' : 'Collaborator'}
              value={input().personId}
              onChange={set('personId')}
              error={errors().personId}
              errorId={`${id}-person-error`}
            />
          )}
        </Show>
        <Show when={errors().personId}>
          <p class="field-error" id={`${id}-person-error`}>
            {errors().personId}
          </p>
        </Show>
        <Show when={needs().deadline}>
          <Field label="Due (optional)" error={errors().dueDate} hint="Empty keeps the due date, or sets one by priority.">
            {(control) => (
              <input
                type="datetime-local"
                class="field-input action-dialog-due"
                {...control}
                value={input().dueDate}
                onInput={(event) => set('dueDate')(event.currentTarget.value)}
              />
            )}
          </Field>
        </Show>
        <Show when={needs().collaborators}>
          <CollaboratorChecklist
            value={input().collaboratorIds}
            exclude={input().personId}
            onChange={(collaboratorIds) => setInput((current) => ({ ...current, collaboratorIds }))}
          />
        </Show>
        <Show when={needs().reason}>
          {(need) => (
            <TextArea
              label={need() === 'required' ? 'Reason' : 'Reason (optional)'}
              ariaLabel="Reason"
              value={input().reason}
              onInput={set('reason')}
              required={need() === 'required'}
              error={errors().reason}
            />
          )}
        </Show>
        <Show when={needs().note}>
          <TextArea label="Note (optional)" ariaLabel="Note" value={input().note} onInput={set('note')} />
        </Show>
        <Show when={needs().actualHours}>
          <Field label="Actual hours (optional)" error={errors().actualHours}>
            {(control) => (
              <input
                class="field-input action-dialog-hours"
                {...control}
                aria-label="Actual hours"
                inputmode="decimal"
                data-autofocus
                value={input().actualHours}
                onInput={(event) => set('actualHours')(event.currentTarget.value)}
              />
            )}
          </Field>
        </Show>
        <Show when={needs().reviewWarning}>
          <ReviewWarning ticketId={props.ticket.id} ticketNumber={props.ticket.number} onOpenFile={() => props.onClose()} />
        </Show>
        <ErrorBanner message={failure()} />
        <footer class="dialog-actions">
          <button type="button" class="button button-quiet" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="submit"
            class="button"
            classList={{
              'button-primary': props.action !== 'REJECT' && props.action !== 'DELETE',
              'button-danger': props.action === 'REJECT' || props.action === 'DELETE',
            }}
            disabled={sending()}
            data-autofocus={needs().confirm && !needs().reason ? true : undefined}
          >
            {sending() ? `${label()}…` : label()}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** A reason or note; its accessible name stays the bare word while the visible label may add "(optional)". */
function TextArea(props: { label: string; ariaLabel: string; value: string; onInput: (value: string) => void; required?: boolean; error?: string }) {
  return (
    <Field label={props.label} error={props.error}>
      {(control) => (
        <textarea
          class="field-input action-dialog-text"
          {...control}
          aria-label={props.ariaLabel}
          rows={3}
          data-autofocus
          required={props.required}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
