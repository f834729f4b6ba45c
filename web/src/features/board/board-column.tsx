import { A } from '@solidjs/router';
import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import type { TicketStatus } from '../../gql/graphql';
import { STATUS_LABELS } from '../../lib/vocabulary';
import { ACTIONS, type RunnableAction, useTicketAction } from '../ticket-actions';
import { BoardCard } from './board-card';
import { type BoardTicket, draggedTicket, isCardDragData } from './board-dnd';
import { moveAction } from './board-moves';
import { whenDragAdapterLoaded } from './drag-adapter';

/**
 * One status: its title and count, the newest cards (scrolling inside the column), and a link to the rest
 * in the list. Collapsed, it is a narrow strip with the title and the count. A drop target, collapsed or
 * not, that lights up only when the dragged card may move here, and runs the action the move means.
 */
export function BoardColumn(props: {
  status: TicketStatus;
  tickets: BoardTicket[];
  total: number;
  moreHref: string;
  loading: boolean;
  collapsed: boolean;
  onToggle: () => void;
}) {
  const actions = useTicketAction();
  const id = createUniqueId();
  const [over, setOver] = createSignal(false);
  let element!: HTMLElement;

  /** The action a drop here would run for the card being dragged, if allowed. */
  const dropAction = () => {
    const ticket = draggedTicket();
    return ticket ? moveAction(ticket, props.status) : undefined;
  };

  onMount(() =>
    whenDragAdapterLoaded(({ dropTargetForElements }) =>
      dropTargetForElements({
        element,
        canDrop: ({ source }) => isCardDragData(source.data) && moveAction(source.data.ticket, props.status) !== undefined,
        onDragEnter: () => setOver(true),
        onDragLeave: () => setOver(false),
        onDrop: ({ source }) => {
          setOver(false);
          if (!isCardDragData(source.data)) return;
          const action = moveAction(source.data.ticket, props.status);
          if (action) void actions.run(source.data.ticket, action);
        },
      }),
    ),
  );

  return (
    <section
      ref={element}
      class="board-column"
      aria-labelledby={`${id}-title`}
      classList={{
        'board-column-allowed': dropAction() !== undefined,
        'board-column-blocked': draggedTicket() !== undefined && dropAction() === undefined && draggedTicket()?.status !== props.status,
        'board-column-over': over(),
        'board-column-collapsed': props.collapsed,
      }}
    >
      <header class="board-column-header">
        <span class={`board-column-dot status-dot-${props.status.toLowerCase().replaceAll('_', '-')}`} aria-hidden="true" />
        <h2 class="board-column-title" id={`${id}-title`}>
          {STATUS_LABELS[props.status]}
        </h2>
        <Show when={!props.loading}>
          <span class="board-column-count">
            {props.total}
            <span class="visually-hidden"> tickets</span>
          </span>
        </Show>
        <button
          type="button"
          class="board-column-toggle"
          aria-expanded={!props.collapsed}
          aria-label={`${props.collapsed ? 'Expand' : 'Collapse'} ${STATUS_LABELS[props.status]}`}
          title={props.collapsed ? 'Show the cards' : 'Collapse to the count'}
          onClick={() => props.onToggle()}
        >
          <span aria-hidden="true">{props.collapsed ? '›' : '‹'}</span>
        </button>
      </header>
      <Show when={!props.collapsed}>
        <ColumnBody tickets={props.tickets} total={props.total} moreHref={props.moreHref} loading={props.loading} dropAction={dropAction()} />
      </Show>
    </section>
  );
}

/** The cards of an expanded column (or its skeleton, or "No tickets"), and the link to the rest. */
function ColumnBody(props: { tickets: BoardTicket[]; total: number; moreHref: string; loading: boolean; dropAction: RunnableAction | undefined }) {
  return (
    <>
      <Show when={props.dropAction}>
        {(action) => (
          <p class="board-column-drop-hint" aria-hidden="true">
            Drop to {ACTIONS[action()].label.toLowerCase()}
          </p>
        )}
      </Show>
      <Show
        when={props.tickets.length > 0}
        fallback={
          <Show when={props.loading} fallback={<p class="board-column-empty">No tickets</p>}>
            <div class="board-column-skeleton" role="status" aria-label="Loading tickets">
              <span class="board-card-skeleton" />
              <span class="board-card-skeleton" />
            </div>
          </Show>
        }
      >
        <ul class="board-column-cards">
          <For each={props.tickets}>
            {(ticket) => (
              <li>
                <BoardCard ticket={ticket} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.total > props.tickets.length}>
        <A class="board-column-more" href={props.moreHref}>
          View all {props.total} in the list
        </A>
      </Show>
    </>
  );
}
