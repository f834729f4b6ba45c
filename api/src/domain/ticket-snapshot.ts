// What a ticket's restorable state is, how two states differ, and what rolling back to one changes.
// Pure: values are plain JSON (dates as ISO strings) so snapshots can be stored and compared as they are.
import type { TicketStatus } from './ticket-access.ts';

type Json = string | number | boolean | null | Json[];

/** The fields history records and rollback restores. */
export const SNAPSHOT_FIELDS = [
  'status',
  'assigneeId',
  'collaboratorIds',
  'title',
  'description',
  'priority',
  'dueDate',
  'requestType',
  'fileFormat',
  'criteria',
  'quantity',
  'complexity',
  'estimatedHours',
  'actualHours',
  'scheduledStart',
  'scheduledEnd',
  'revisionCount',
] as const;

export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];
export type TicketSnapshot = Record<SnapshotField, Json>;

export type FieldChange = { field: string; from: Json; to: Json };

type SnapshotSource = {
  [K in Exclude<SnapshotField, 'collaboratorIds'>]: string | number | Date | null;
} & { collaboratorIds: readonly string[]; status: TicketStatus };

function toJson(value: string | number | Date | null | readonly string[]): Json {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return [...value].sort();
  return value as Json;
}

export function snapshotOf(ticket: SnapshotSource): TicketSnapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((field) => [field, toJson(ticket[field])])) as TicketSnapshot;
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

export function diffSnapshots(before: TicketSnapshot, after: TicketSnapshot): FieldChange[] {
  return SNAPSHOT_FIELDS.filter((field) => !same(before[field], after[field])).map((field) => ({
    field,
    from: before[field],
    to: after[field],
  }));
}

/**
 * The fields to write so the ticket is again as it was in `target`: every field the snapshot recorded, the due
 * date and the revision count included (a rollback to the assignment brings back the deadline set then).
 * A snapshot missing a field (written before the field existed) leaves that field alone.
 */
export function rollbackChanges(current: TicketSnapshot, target: Partial<TicketSnapshot>): Partial<TicketSnapshot> {
  const changes: Partial<TicketSnapshot> = {};
  for (const field of SNAPSHOT_FIELDS) {
    if (!(field in target)) continue;
    const wanted = target[field] as Json;
    if (!same(current[field], wanted)) changes[field] = wanted;
  }
  return changes;
}
