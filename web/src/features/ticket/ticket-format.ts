// How ticket values read for people: enum names in words, dates in the viewer's time zone. History entries'
// words are in history-format.ts, which loads with the (lazy) history.

import type { Complexity, Criteria, FileFormat, Priority, RequestType } from '../../gql/graphql';
import { COMPLEXITY_LABELS, CRITERIA_LABELS, FILE_FORMAT_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS } from '../../lib/vocabulary';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const shortDateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** A moment for people: the year is left out when it is this year (as trackers do). */
export function formatDateTime(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.getFullYear() === now.getFullYear() ? shortDateTime.format(date) : dateTime.format(date);
}

/** An ISO instant as the value of a `datetime-local` input (the viewer's local time). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const priorityLabel = (priority: Priority) => PRIORITY_LABELS[priority];
export const requestTypeLabel = (type: RequestType) => REQUEST_TYPE_LABELS[type];
export const fileFormatLabel = (format: FileFormat | null | undefined) => (format ? FILE_FORMAT_LABELS[format] : '—');
export const criteriaLabel = (criteria: Criteria | null | undefined) => (criteria ? CRITERIA_LABELS[criteria] : '—');
export const complexityLabel = (complexity: Complexity | null | undefined) => (complexity ? COMPLEXITY_LABELS[complexity] : '—');

export function hoursLabel(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  return `${hours} h`;
}
