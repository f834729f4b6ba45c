// The way into the command palette: its keys, Ctrl+K (⌘K on a Mac) anywhere and `/` when not typing in a
// field (PaletteLauncher, mounted once in the signed-in layout), and the header's Search button (PaletteButton).
// This module loads after the page renders, like the notification bell, so no page's first load carries it; the
// palette itself (its code, its query, its styles) loads on first use.
import { createSignal, lazy, onCleanup, Show, Suspense } from 'solid-js';
import './palette-button.css';

const CommandPalette = lazy(() => import('./command-palette').then((module) => ({ default: module.CommandPalette })));

const [isOpen, setOpen] = createSignal(false);

function typingIn(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/** Another modal (a confirmation, an action's form) keeps the keyboard to itself. */
const otherDialogOpen = () => document.querySelector('dialog[open]:not(.palette)') !== null;

export function PaletteLauncher() {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || otherDialogOpen()) return;
    const command = (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'k';
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !typingIn(event.target);
    if (!command && !slash) return;
    event.preventDefault();
    setOpen(true);
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));

  return (
    <Show when={isOpen()}>
      <Suspense>
        <CommandPalette onClose={() => setOpen(false)} />
      </Suspense>
    </Show>
  );
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The header's way in, for pointers and phones; it names its shortcuts. */
export function PaletteButton() {
  return (
    <button type="button" class="palette-button" onClick={() => setOpen(true)} aria-keyshortcuts={isMac() ? 'Meta+K /' : 'Control+K /'}>
      <span class="palette-button-icon" aria-hidden="true" />
      <span class="palette-button-label">Search</span>
      <span class="palette-button-key" aria-hidden="true">
        {isMac() ? '⌘K' : 'Ctrl K'}
      </span>
    </button>
  );
}
