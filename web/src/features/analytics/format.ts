// How analytics figures read: rates as percentages, durations in hours or days, nothing for "no data".
import { CRITERIA_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS } from '../../lib/vocabulary';

const NONE = '—';

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? NONE : `${Math.round(rate * 100)} %`;
}

/** A duration on its own (a tile, a sentence): days from two days up, hours below. */
export function hours(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  if (value >= 48) return `${(value / 24).toFixed(1)} d`;
  return `${value.toFixed(1)} h`;
}

/** A duration in a table column: always hours, so the rows compare at a glance (never "2.3 d" above "46.2 h"). */
export function columnHours(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : `${value.toFixed(1)} h`;
}

export function decimal(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? NONE : value.toFixed(digits);
}

/** The enums analytics groups by (request type, criteria, priority), in their words. */
const LABELS: Record<string, string> = { ...REQUEST_TYPE_LABELS, ...CRITERIA_LABELS, ...PRIORITY_LABELS };

/** An enum value as words ("SOCMED_POSTING" → "Social media posting"). */
export function label(value: string | null | undefined): string {
  if (!value) return 'Unspecified';
  return LABELS[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** A date input's value (YYYY-MM-DD, local) for a Date. */
export function dateInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
