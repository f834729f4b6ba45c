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
  DECISION_RECORDED: 'recorded a review decision',
  ANNOTATION_RESOLVED: 'resolved an annotation',
  ANNOTATION_REOPENED: 'reopened an annotation',
};

type HistoryEntryFacts = { action: HistoryAction; changes: readonly { field: string; from?: string | null; to?: string | null }[] };

const changed = (entry: HistoryEntryFacts, field: string) => entry.changes.find((change) => change.field === field);

/** What the entry did, in words: what it acted on for a file, a decision or an annotation ("approved hero.png v2"). */
export function historyActionWords(entry: HistoryEntryFacts): string {
  return namedSubject(entry) ?? ACTION_WORDS[entry.action];
}

/**
 * Entries about a file, a decision or an annotation say what they acted on in their sentence, so their recorded
 * changes are not listed again as from → to rows.
 */
export const historyNamesItsSubject = (entry: HistoryEntryFacts) => namedSubject(entry) !== undefined;

function namedSubject(entry: HistoryEntryFacts): string | undefined {
  switch (entry.action) {
    case 'ATTACHMENT_ADDED': {
      const file = changed(entry, 'attachments')?.to;
      return file ? `added ${file}` : undefined;
    }
    case 'ATTACHMENT_REMOVED': {
      const file = changed(entry, 'attachments')?.from;
      return file ? `removed ${file}` : undefined;
    }
    case 'DECISION_RECORDED': {
      const file = changed(entry, 'file')?.to;
      if (!file) return undefined;
      if (changed(entry, 'verdict')?.to === 'APPROVED') return `approved ${file}`;
      const open = Number(changed(entry, 'openAnnotations')?.to ?? 0);
      return `requested changes on ${file}${open > 0 ? `: ${open} open ${open === 1 ? 'note' : 'notes'}` : ''}`;
    }
    case 'ANNOTATION_RESOLVED':
    case 'ANNOTATION_REOPENED': {
      const annotation = changed(entry, 'annotation')?.to;
      return annotation ? `${entry.action === 'ANNOTATION_RESOLVED' ? 'resolved' : 'reopened'} ${annotation}` : undefined;
    }
    default:
      return undefined;
  }
}
