import { Show } from 'solid-js';

/** Rows per page of the ticket lists (tickets, my tasks). */
export const PAGE_SIZE = 25;

/** Previous / next page by cursor, with where we are in words. */
export function Pager(props: { shown: number; total: number; hasPrevious: boolean; hasNext: boolean; onPrevious: () => void; onNext: () => void }) {
  return (
    <Show when={props.hasPrevious || props.hasNext || props.total > 0}>
      <nav class="pager" aria-label="Pages">
        <span class="muted pager-summary" aria-live="polite">
          {props.shown} of {props.total} ticket{props.total === 1 ? '' : 's'}
        </span>
        <div class="pager-buttons">
          <button type="button" class="button button-quiet" disabled={!props.hasPrevious} onClick={() => props.onPrevious()}>
            ← Previous
          </button>
          <button type="button" class="button button-quiet" disabled={!props.hasNext} onClick={() => props.onNext()}>
            Next →
          </button>
        </div>
      </nav>
    </Show>
  );
}
