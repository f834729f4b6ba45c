import type { TicketStatus } from '../gql/graphql';

const STATUS_LABELS: Record<TicketStatus, string> = {
  REQUESTED: 'Dept approval',
  PENDING_CREATIVE: 'Creative approval',
  APPROVED: 'Approved',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
};

/** How a ticket status reads for people. */
export function statusLabel(status: TicketStatus): string {
  return STATUS_LABELS[status];
}

/** A ticket's status as a small coloured pill. */
export function StatusBadge(props: { status: TicketStatus }) {
  return <span class={`badge badge-status badge-status-${props.status.toLowerCase().replaceAll('_', '-')}`}>{statusLabel(props.status)}</span>;
}
