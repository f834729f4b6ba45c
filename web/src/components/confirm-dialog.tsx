import { createSignal, createUniqueId, type JSX, onCleanup, onMount } from 'solid-js';
import { ErrorBanner } from './error-banner';
import './dialog.css';

export type ConfirmDialogProps = {
  title: string;
  children: JSX.Element;
  /** The button that does it, in words ("Delete for good"). */
  confirmLabel: string;
  danger?: boolean;
  /** Runs the action; resolves with an error message to show, or undefined when it went through. */
  onConfirm: () => Promise<string | undefined>;
  onClose: () => void;
};

/**
 * "Are you sure?" as a native modal <dialog>: the page behind is inert, Esc cancels, focus starts on
 * Cancel (the safe choice) and returns where it was.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const id = createUniqueId();
  const [failure, setFailure] = createSignal<string>();
  const [sending, setSending] = createSignal(false);
  let dialog!: HTMLDialogElement;
  let cancel!: HTMLButtonElement;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  onMount(() => {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', ''); // jsdom has no modal dialogs
    cancel.focus();
  });
  onCleanup(() => {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    returnFocus?.focus();
  });

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    setSending(true);
    setFailure(undefined);
    const message = await props.onConfirm();
    setSending(false);
    if (message) setFailure(message);
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form class="dialog-form" onSubmit={confirm}>
        <h2 class="dialog-title" id={`${id}-title`}>
          {props.title}
        </h2>
        <div id={`${id}-body`}>{props.children}</div>
        <ErrorBanner message={failure()} />
        <div class="dialog-actions">
          <button ref={cancel} type="button" class="button button-quiet" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="button" classList={{ 'button-primary': !props.danger, 'button-danger': props.danger }} disabled={sending()}>
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
