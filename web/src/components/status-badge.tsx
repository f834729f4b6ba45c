import type { TicketStatus } from '../gql/graphql';
import { STATUS_LABELS } from '../lib/vocabulary';

/** A ticket's status as a small coloured pill. */
export function StatusBadge(props: { status: TicketStatus }) {
  return <span class={`badge badge-status badge-status-${props.status.toLowerCase().replaceAll('_', '-')}`}>{STATUS_LABELS[props.status]}</span>;
}
