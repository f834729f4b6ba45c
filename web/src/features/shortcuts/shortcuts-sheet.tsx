import { createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { SHORTCUT_GROUPS } from './shortcut-keys';
import '../../components/dialog.css';
import './shortcuts.css';

/** The keyboard shortcuts as a modal dialog (`?`): Esc or Close ends it, focus returns where it was. */
export function ShortcutsSheet(props: { onClose: () => void }) {
  const id = createUniqueId();
  let dialog!: HTMLDialogElement;
  let close!: HTMLButtonElement;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  onMount(() => {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', ''); // jsdom has no modal dialogs
    close.focus();
  });
  onCleanup(() => {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    returnFocus?.focus();
  });

  return (
    <dialog
      ref={dialog}
      class="dialog shortcuts-sheet"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <div class="dialog-form">
        <h2 class="dialog-title" id={`${id}-title`}>
          Keyboard shortcuts
        </h2>
        <p class="muted shortcuts-note">Keys work when you are not typing in a field.</p>
        <For each={SHORTCUT_GROUPS}>
          {(group) => (
            <section class="shortcuts-group" aria-labelledby={`${id}-${group.title}`}>
              <h3 class="shortcuts-group-title" id={`${id}-${group.title}`}>
                {group.title}
              </h3>
              <dl class="shortcuts-list">
                <For each={group.rows}>
                  {(row) => (
                    <div class="shortcuts-row">
                      <dt class="shortcuts-keys">
                        <For each={row.keys}>{(key) => <kbd>{key}</kbd>}</For>
                        <Show when={row.second}>
                          {(second) => (
                            <>
                              <span class="muted"> then </span>
                              <kbd>{second()}</kbd>
                            </>
                          )}
                        </Show>
                      </dt>
                      <dd>{row.description}</dd>
                    </div>
                  )}
                </For>
              </dl>
            </section>
          )}
        </For>
        <div class="dialog-actions">
          <button ref={close} type="button" class="button" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
