// Where each number on the dashboard leads: the tickets list filtered to what was counted (URL parameters
// of the list page: status, priority, departmentId, overdue=1; repeated parameters for lists).
import type { Priority, TicketStatus } from '../../gql/graphql';

export type CountKey = 'total' | 'deptApproval' | 'creativeApproval' | 'approved' | 'inProgress' | 'completed' | 'rejected' | 'overdue';

const COUNT_FILTERS: Record<CountKey, [string, string][]> = {
  total: [],
  deptApproval: [['status', 'REQUESTED']],
  creativeApproval: [['status', 'PENDING_CREATIVE']],
  approved: [['status', 'APPROVED']],
  inProgress: [['status', 'IN_PROGRESS']],
  // "Completed" counts delivered work: COMPLETED plus CLOSED.
  completed: [
    ['status', 'COMPLETED'],
    ['status', 'CLOSED'],
  ],
  rejected: [['status', 'REJECTED']],
  overdue: [['overdue', '1']],
};

function listHref(pairs: [string, string][], departmentId: string | undefined): string {
  const params = new URLSearchParams(pairs);
  if (departmentId) params.set('departmentId', departmentId);
  const query = params.toString();
  return query ? `/tickets?${query}` : '/tickets';
}

export const countHref = (key: CountKey, departmentId?: string) => listHref(COUNT_FILTERS[key], departmentId);
export const statusHref = (status: TicketStatus, departmentId?: string) => listHref([['status', status]], departmentId);
export const priorityHref = (priority: Priority, departmentId?: string) => listHref([['priority', priority]], departmentId);
