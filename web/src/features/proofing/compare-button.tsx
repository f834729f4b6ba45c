import { createSignal, type JSX, lazy, onCleanup, onMount, Show, Suspense } from 'solid-js';
import { Loading } from '../../components/loading';
import type { ProofContext } from './proof-types';
import '../../components/dialog.css';
import './compare-button.css';

// The compare view, its math and pixelmatch load when compare first opens, not with the proof view.
const CompareView = lazy(() => import('./compare-view').then((module) => ({ default: module.CompareView })));

/** The proof view's "Compare versions" button: shown on an image with more than one version. */
export function CompareButton(props: { context: ProofContext }) {
  const [open, setOpen] = createSignal(false);
  const images = () => props.context.versions().filter((version) => version.mimeType.startsWith('image/'));
  return (
    <Show when={props.context.file().mimeType.startsWith('image/') && images().length > 1}>
      <button type="button" class="button button-quiet proof-toolbar-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Compare versions
      </button>
      <Show when={open()}>
        <CompareDialog onClose={() => setOpen(false)}>
          <Suspense fallback={<Loading label="Opening compare…" />}>
            <CompareView versions={images()} newerId={props.context.file().id} onClose={() => setOpen(false)} />
          </Suspense>
        </CompareDialog>
      </Show>
    </Show>
  );
}

/** A large native modal <dialog>: the page behind is inert, Esc closes it and focus returns to the button. */
function CompareDialog(props: { onClose: () => void; children: JSX.Element }) {
  let dialog!: HTMLDialogElement;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  onMount(() => {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', ''); // jsdom has no modal dialogs
  });
  onCleanup(() => {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    returnFocus?.focus();
  });
  return (
    <dialog
      ref={dialog}
      class="dialog compare-dialog"
      aria-labelledby="compare-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
