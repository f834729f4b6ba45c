import type { Priority } from '../gql/graphql';
import { PRIORITY_LABELS } from '../lib/vocabulary';
import './priority-pill.css';

/** A ticket's priority in a word, with a colour that grows louder with urgency. */
export function PriorityPill(props: { priority: Priority }) {
  return (
    <span class={`priority-pill priority-pill-${props.priority.toLowerCase()}`}>
      <span class="priority-icon" aria-hidden="true" />
      {PRIORITY_LABELS[props.priority]}
    </span>
  );
}
