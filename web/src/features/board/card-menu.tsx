import { createSignal, For, onCleanup, Show } from 'solid-js';
import { STATUS_LABELS } from '../../lib/vocabulary';
import { ACTIONS, type RunnableAction, useTicketAction } from '../ticket-actions';
import type { BoardTicket } from './board-dnd';
import { allowedMoves } from './board-moves';

/** Actions on a card that are not moves between columns. */
const OTHER_ACTIONS: RunnableAction[] = ['ASSIGN'];

/**
 * The keyboard (and touch) alternative to dragging: a "Move" button listing the moves the ticket allows
 * now, each named by its action ("Approve", "Start"…) and the column it leads to, plus Assign. Arrow keys
 * move between entries, Esc closes.
 */
export function CardMenu(props: { ticket: BoardTicket; ref?: (open: () => void) => void }) {
  const actions = useTicketAction();
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let trigger!: HTMLButtonElement;
  const moves = () => allowedMoves(props.ticket);
  const others = () => OTHER_ACTIONS.filter((action) => props.ticket.availableActions.includes(action));
  const empty = () => moves().length === 0 && others().length === 0;

  const show = () => {
    setOpen(true);
    queueMicrotask(() => root.querySelector<HTMLElement>('.card-menu-item')?.focus());
  };
  props.ref?.(show);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.focus();
  };
  const onDocumentClick = (event: MouseEvent) => {
    if (open() && !root.contains(event.target as Node)) setOpen(false);
  };
  document.addEventListener('click', onDocumentClick);
  onCleanup(() => document.removeEventListener('click', onDocumentClick));

  const run = (action: RunnableAction) => {
    close(true);
    void actions.run(props.ticket, action);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open()) return;
    const items = [...root.querySelectorAll<HTMLElement>('.card-menu-item')];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.stopPropagation();
      close(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    }
  };

  return (
    <div class="card-menu" ref={root}>
      <button
        ref={trigger}
        type="button"
        class="card-menu-trigger"
        aria-label={`Move #${props.ticket.number}`}
        title="Move or act (M)"
        aria-expanded={open()}
        disabled={empty()}
        onClick={() => (open() ? close(false) : show())}
        onKeyDown={onKeyDown}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <Show when={open()}>
        <div class="card-menu-panel">
          <For each={moves()}>
            {(move) => (
              <button type="button" class="card-menu-item" onClick={() => run(move.action)} onKeyDown={onKeyDown}>
                {ACTIONS[move.action].label}
                <span class="card-menu-to" aria-hidden="true">
                  → {STATUS_LABELS[move.to]}
                </span>
              </button>
            )}
          </For>
          <For each={others()}>
            {(action) => (
              <button type="button" class="card-menu-item" onClick={() => run(action)} onKeyDown={onKeyDown}>
                {ACTIONS[action].label}
                <span class="card-menu-to" aria-hidden="true">
                  …
                </span>
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
