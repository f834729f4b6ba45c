import { A } from '@solidjs/router';
import { For, onMount, Show } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { PriorityPill } from '../../components/priority-pill';
import { TicketThumbnail } from '../../components/ticket-thumbnail';
import { formatDue } from '../../lib/ticket-dates';
import { latestTicketEvent } from '../../lib/ticket-events';
import { REQUEST_TYPE_LABELS } from '../../lib/vocabulary';
import { useTicketAction } from '../ticket-actions';
import { type BoardTicket, cardDragData, setDraggedTicket } from './board-dnd';
import { allowedMoves } from './board-moves';
import { CardMenu } from './card-menu';
import { whenDragAdapterLoaded } from './drag-adapter';

/** Most avatars a card shows before "+n". */
const MAX_AVATARS = 3;

/**
 * A ticket on the board: number, priority, title (the link to its page), its newest image, request type, due
 * date (red when overdue), revisions and the people on it. Draggable when it has a move; M opens its move menu.
 */
export function BoardCard(props: { ticket: BoardTicket }) {
  const actions = useTicketAction();
  let element!: HTMLElement;
  let openMenu: (() => void) | undefined;
  const canMove = () => allowedMoves(props.ticket).length > 0;
  const people = () => [props.ticket.assignee, ...props.ticket.collaborators].filter((person) => person !== null && person !== undefined);
  const peopleLabel = () => {
    const [assignee, ...others] = [props.ticket.assignee?.displayName, ...props.ticket.collaborators.map((person) => person.displayName)];
    if (!assignee) return others.length ? `With ${others.join(', ')}` : 'Unassigned';
    return others.length ? `Assigned to ${assignee}, with ${others.join(', ')}` : `Assigned to ${assignee}`;
  };
  const justChanged = () => latestTicketEvent()?.ticketId === props.ticket.id;

  onMount(() =>
    whenDragAdapterLoaded(({ draggable }) =>
      draggable({
        element,
        canDrag: () => canMove() && actions.pendingTicketId() !== props.ticket.id,
        getInitialData: () => cardDragData(props.ticket),
        onDragStart: () => setDraggedTicket(props.ticket),
        onDrop: () => setDraggedTicket(undefined),
      }),
    ),
  );

  return (
    <article
      ref={element}
      class={`board-card priority-${props.ticket.priority.toLowerCase()}`}
      classList={{
        'board-card-movable': canMove(),
        'board-card-pending': actions.pendingTicketId() === props.ticket.id,
        'board-card-flash': justChanged(),
      }}
    >
      <div class="board-card-top">
        <span class="board-card-number">#{props.ticket.number}</span>
        <PriorityPill priority={props.ticket.priority} />
        <CardMenu ticket={props.ticket} ref={(open) => (openMenu = open)} />
      </div>
      <div class="board-card-body">
        <A
          href={`/tickets/${props.ticket.number}`}
          class="board-card-title"
          draggable={false}
          aria-label={`#${props.ticket.number} ${props.ticket.title}`}
          onKeyDown={(event) => {
            if ((event.key === 'm' || event.key === 'M' || event.key === 'ContextMenu') && !event.ctrlKey && !event.metaKey) {
              event.preventDefault();
              openMenu?.();
            }
          }}
        >
          {props.ticket.title}
        </A>
        <TicketThumbnail thumbnail={props.ticket.thumbnail} class="board-card-thumbnail" />
      </div>
      <div class="board-card-meta">
        <span class="board-card-type">{REQUEST_TYPE_LABELS[props.ticket.requestType]}</span>
        <Show when={props.ticket.dueDate}>
          {(due) => (
            <span class="board-card-due" classList={{ 'board-card-overdue': props.ticket.isOverdue }}>
              <Show when={props.ticket.isOverdue}>
                <span class="visually-hidden">Overdue, </span>
              </Show>
              <span class="visually-hidden">due </span>
              <time datetime={due()}>{formatDue(due())}</time>
            </span>
          )}
        </Show>
        <Show when={props.ticket.revisionCount > 0}>
          <span class="board-card-revisions" title={`${props.ticket.revisionCount} revision${props.ticket.revisionCount === 1 ? '' : 's'}`}>
            <span aria-hidden="true">↻ </span>
            {props.ticket.revisionCount}
            <span class="visually-hidden"> revision{props.ticket.revisionCount === 1 ? '' : 's'}</span>
          </span>
        </Show>
        <span class="board-card-people" role="img" aria-label={peopleLabel()} title={peopleLabel()}>
          <For each={people().slice(0, MAX_AVATARS)}>{(person) => <Avatar name={person.displayName} />}</For>
          <Show when={people().length > MAX_AVATARS}>
            <span class="avatar avatar-more">+{people().length - MAX_AVATARS}</span>
          </Show>
        </span>
      </div>
    </article>
  );
}
