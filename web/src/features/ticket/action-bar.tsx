import { For, Show } from 'solid-js';
import type { TicketAction } from '../../gql/graphql';
import { ACTIONS, type ActionTicket, isRunnableAction, type RunnableAction, useTicketAction } from '../ticket-actions';

/** The order buttons appear in: the step forward first, then the way back, then the rare ones. */
const BAR_ORDER: readonly RunnableAction[] = ['APPROVE', 'ASSIGN', 'START', 'COMPLETE', 'CONFIRM', 'REJECT', 'REQUEST_REVISION', 'RESTORE', 'DELETE'];
const PRIMARY: ReadonlySet<RunnableAction> = new Set(['APPROVE', 'START', 'COMPLETE', 'CONFIRM', 'RESTORE']);
const DANGER: ReadonlySet<RunnableAction> = new Set(['REJECT', 'DELETE']);

/** The workflow steps the bar offers: exactly the available ones it can run (collaborators have their own panel). */
export function barActions(available: readonly TicketAction[]): RunnableAction[] {
  return BAR_ORDER.filter((action) => available.includes(action) && isRunnableAction(action));
}

/**
 * The buttons for what the viewer may do now, straight from `availableActions`; each runs through the
 * shared action runner (dialogs, expectedVersion, refusals). Renders nothing when there is nothing to do.
 */
export function ActionBar(props: {
  ticket: ActionTicket & { availableActions: readonly TicketAction[] };
  onDone?: () => void;
  /** The ticket went to the trash: the page has nothing left to show (the toast offers Undo). */
  onDeleted?: () => void;
}) {
  const runner = useTicketAction();
  const actions = () => barActions(props.ticket.availableActions);
  const run = async (action: RunnableAction) => {
    const { id, number, title, version, status } = props.ticket;
    const outcome = await runner.run({ id, number, title, version, status }, action);
    if (outcome === 'done' && action === 'DELETE' && props.onDeleted) props.onDeleted();
    else if (outcome !== 'cancelled') props.onDone?.();
  };
  return (
    <Show when={actions().length > 0}>
      <fieldset class="action-bar" aria-label="Ticket actions">
        <For each={actions()}>
          {(action) => (
            <button
              type="button"
              class="button button-small"
              classList={{
                'button-primary': PRIMARY.has(action),
                'button-quiet': !PRIMARY.has(action),
                'button-danger': DANGER.has(action),
              }}
              disabled={runner.pendingTicketId() === props.ticket.id}
              onClick={() => void run(action)}
            >
              {ACTIONS[action].label}
            </button>
          )}
        </For>
      </fieldset>
    </Show>
  );
}
