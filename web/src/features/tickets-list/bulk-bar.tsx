import type { CombinedError } from '@urql/core';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { filterOptionsQuery } from '../../components/ticket-filter-bar.graphql';
import { type FragmentType, getFragmentData } from '../../gql';
import type { Priority } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { session } from '../../lib/session';
import { PRIORITY_LABELS, PRIORITY_ORDER } from '../../lib/vocabulary';
import { bulkAssignMutation, bulkDeleteMutation, bulkOutcomeFragment, bulkSetPriorityMutation } from './bulk.graphql';
import { bulkSummary } from './bulk-summary';

/**
 * What to do with the selected rows: change priority, assign (managers and admins), move to the trash. Each
 * ticket goes through its own one-ticket action on the server; the sentence after says what changed and what
 * was refused, why.
 */
export function BulkBar(props: {
  ids: readonly string[];
  numberOf: (id: string) => number | undefined;
  onDone: (summary: string) => void;
  onClear: () => void;
}) {
  const [priority, setPriority] = createSignal<Priority | ''>('');
  const [assignee, setAssignee] = createSignal('');
  const [failure, setFailure] = createSignal('');
  const [confirming, setConfirming] = createSignal(false);
  const [options] = createQuery({ query: filterOptionsQuery });
  const [priorityState, setPriorities] = createMutation(bulkSetPriorityMutation);
  const [assignState, assign] = createMutation(bulkAssignMutation);
  const [deleteState, trash] = createMutation(bulkDeleteMutation);
  const busy = () => priorityState.fetching || assignState.fetching || deleteState.fetching;
  const mayAssign = () => session.user()?.role !== 'MEMBER';
  const creativeMembers = () => options.data?.departments.find((department) => department.isCreative)?.members ?? [];

  /** Hands the page the sentence to show (the bar itself goes when the selection is cleared); an error stays here. */
  function finish(error: CombinedError | undefined, outcome: FragmentType<typeof bulkOutcomeFragment> | null | undefined, verb: string): string | undefined {
    if (error || !outcome) {
      const message = error ? describeError(error) : 'Nothing changed.';
      setFailure(message);
      return message;
    }
    props.onDone(bulkSummary(getFragmentData(bulkOutcomeFragment, outcome), props.numberOf, verb));
    return undefined;
  }

  return (
    <section class="bulk-bar" aria-label="Selected tickets">
      <p class="bulk-bar-count">
        <strong>{props.ids.length}</strong> selected
      </p>
      <form
        class="bulk-bar-action"
        onSubmit={async (event) => {
          event.preventDefault();
          const value = priority();
          if (!value) return;
          const result = await setPriorities({ input: { ids: [...props.ids], priority: value } });
          finish(result.error, result.data?.bulkSetTicketPriority, 'changed');
        }}
      >
        <label class="filter">
          <span class="filter-label">Priority</span>
          <select class="filter-input" value={priority()} onChange={(event) => setPriority(event.currentTarget.value as Priority | '')}>
            <option value="">Choose…</option>
            <For each={PRIORITY_ORDER}>{(value) => <option value={value}>{PRIORITY_LABELS[value]}</option>}</For>
          </select>
        </label>
        <button type="submit" class="button button-quiet" disabled={!priority() || busy()}>
          Set priority
        </button>
      </form>
      <Show when={mayAssign()}>
        <form
          class="bulk-bar-action"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!assignee()) return;
            const result = await assign({ input: { ids: [...props.ids], assigneeId: assignee() } });
            finish(result.error, result.data?.bulkAssignTickets, 'assigned');
          }}
        >
          <label class="filter">
            <span class="filter-label">Assignee</span>
            <select class="filter-input" value={assignee()} onChange={(event) => setAssignee(event.currentTarget.value)}>
              <option value="">Choose…</option>
              <For each={creativeMembers()}>{(member) => <option value={member.id}>{member.displayName}</option>}</For>
            </select>
          </label>
          <button type="submit" class="button button-quiet" disabled={!assignee() || busy()}>
            Assign
          </button>
        </form>
      </Show>
      <button type="button" class="button button-quiet bulk-bar-trash" disabled={busy()} onClick={() => setConfirming(true)}>
        Move to trash
      </button>
      <button type="button" class="button button-quiet" onClick={props.onClear}>
        Clear selection
      </button>
      <Show when={failure()}>
        <p class="bulk-bar-failure" role="alert">
          {failure()}
        </p>
      </Show>
      <Show when={confirming()}>
        <ConfirmDialog
          title={`Move ${props.ids.length} tickets to the trash?`}
          confirmLabel="Move to trash"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await trash({ input: { ids: [...props.ids] } });
            return finish(result.error, result.data?.bulkDeleteTickets, 'moved to the trash');
          }}
        >
          <p>Each one you may delete goes to the trash, where managers and admins can restore it; the others stay as they are.</p>
        </ConfirmDialog>
      </Show>
    </section>
  );
}
