// The single-key shortcuts (c, j/k and the arrows, g b/t/d, a, e on the ticket page, ? for the sheet): one
// keydown listener mounted beside the command palette's in the signed-in layout. It loads after the page
// renders, the sheet on first `?`, so no page's first load carries either.
import { useLocation, useNavigate } from '@solidjs/router';
import { createSignal, lazy, onCleanup, Show, Suspense } from 'solid-js';
import { isListItem, moveFocus, startRovingTabindex } from './roving-focus';
import { CHORD_MS, commandFor, type ShortcutCommand } from './shortcut-keys';

const ShortcutsSheet = lazy(() => import('./shortcuts-sheet').then((module) => ({ default: module.ShortcutsSheet })));

function typingIn(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/** A modal (the palette, a confirmation, an action's form, the sheet itself) keeps the keyboard to itself. */
const dialogOpen = () => document.querySelector('dialog[open]') !== null;

/** A button of the ticket page's action bar, by its label. */
const actionButton = (label: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.action-bar button')].find((button) => button.textContent?.trim() === label);

export function ShortcutsLauncher() {
  const navigate = useNavigate();
  const location = useLocation();
  const [sheetOpen, setSheetOpen] = createSignal(false);
  let chordUntil = 0;

  const run = (command: ShortcutCommand): boolean => {
    switch (command.kind) {
      case 'go':
        navigate(command.to);
        return true;
      case 'new-request':
        navigate('/tickets/new');
        return true;
      case 'help':
        setSheetOpen(true);
        return true;
      case 'move':
        return moveFocus(command.direction) !== undefined;
      case 'assign': {
        const button = actionButton('Assign');
        button?.click();
        return button !== undefined;
      }
      case 'edit': {
        const button =
          document.querySelector<HTMLButtonElement>('#main button[aria-label="Edit title"]') ??
          document.querySelector<HTMLButtonElement>('#main .editable-edit');
        button?.click();
        return button !== null;
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat || dialogOpen()) return;
    const afterG = Date.now() < chordUntil;
    chordUntil = 0;
    const command = commandFor({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      typing: typingIn(event.target),
      inList: isListItem(document.activeElement),
      afterG,
      onTicketPage: /^\/tickets\/\d+$/.test(location.pathname),
    });
    if (command === undefined) return;
    if (command === 'g') {
      chordUntil = Date.now() + CHORD_MS;
      return;
    }
    if (run(command)) event.preventDefault();
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));
  // One tab stop per list (board column, ticket table): Tab leaves it, j/k and the arrows move inside it.
  onCleanup(startRovingTabindex());

  return (
    <Show when={sheetOpen()}>
      <Suspense>
        <ShortcutsSheet onClose={() => setSheetOpen(false)} />
      </Suspense>
    </Show>
  );
}
