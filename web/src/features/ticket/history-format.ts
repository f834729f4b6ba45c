// How history entries read for people: field names, changed values (enum names in words, people by name)
// and what each action did. Only the ticket's history (loaded after the ticket) needs it.

import type { HistoryAction } from '../../gql/graphql';
import { COMPLEXITY_LABELS, CRITERIA_LABELS, FILE_FORMAT_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS, STATUS_LABELS } from '../../lib/vocabulary';
import { formatDateTime } from './ticket-format';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  dueDate: 'Due date',
  requestType: 'Request type',
  fileFormat: 'File format',
  criteria: 'Criteria',
  quantity: 'Quantity',
  complexity: 'Complexity',
  estimatedHours: 'Estimated hours',
  actualHours: 'Actual hours',
  scheduledStart: 'Schedule start',
  scheduledEnd: 'Schedule end',
  assignee: 'Assignee',
  assigneeId: 'Assignee',
  collaborators: 'Collaborators',
  collaboratorIds: 'Collaborators',
  requesterId: 'Requester',
  productItems: 'Products',
  revisionCount: 'Revisions',
  rejectionReason: 'Rejection reason',
  departmentId: 'Department',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase());
}

const ENUM_WORDS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  priority: PRIORITY_LABELS,
  requestType: REQUEST_TYPE_LABELS,
  fileFormat: FILE_FORMAT_LABELS,
  criteria: CRITERIA_LABELS,
  complexity: COMPLEXITY_LABELS,
};

/** The database id inside a Relay global id (base64 of `Type:id`), to match history values to people. */
export function rawIdOf(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const colon = decoded.indexOf(':');
    return colon > 0 ? decoded.slice(colon + 1) : globalId;
  } catch {
    return globalId;
  }
}

const PERSON_FIELDS = new Set(['assigneeId', 'collaboratorIds', 'requesterId']);

/**
 * A history value (always a string from the API) in words; null reads as "none". People are stored by id:
 * `people` (database id → name) turns them back into names.
 */
export function formatChangeValue(field: string, value: string | null | undefined, people: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (PERSON_FIELDS.has(field)) {
    return value
      .split(',')
      .map((id) => people.get(id.trim()) ?? 'a former member')
      .join(', ');
  }
  const words = ENUM_WORDS[field]?.[value];
  if (words) return words;
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  return value.length > 140 ? `${value.slice(0, 140)}…` : value;
}

const ACTION_WORDS: Record<HistoryAction, string> = {
  CREATED: 'created the ticket',
  UPDATED: 'edited',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  ASSIGNED: 'assigned',
  STARTED: 'started work',
  COMPLETED: 'completed',
  CONFIRMED: 'confirmed',
  REVISION_REQUESTED: 'requested a revision',
  COLLABORATOR_ADDED: 'added a collaborator',
  COLLABORATOR_REMOVED: 'removed a collaborator',
  DELETED: 'moved it to the trash',
  RESTORED: 'restored it',
  ROLLBACK: 'rolled back',
  ATTACHMENT_ADDED: 'attached a file',
  ATTACHMENT_REMOVED: 'removed a file',
};

export const historyActionWords = (action: HistoryAction) => ACTION_WORDS[action];
