// How the ticket's enums read for people, and in which order they are shown: the one place for these words.
// Each record is typed against the generated enum (web/src/gql), so a value the schema adds does not compile
// until it has its words here; each list is the order its record is written in, never a second copy.
// Colours (charts) are CSS custom properties in styles.css, named by `colorToken`, so the page's theme and the
// charts share one value per status and priority (vocabulary.test.ts checks every value has one).
import type { Complexity, Criteria, FileFormat, Priority, RequestType, TicketStatus } from '../gql/graphql';

/** The keys of a vocabulary record, in the order it is written: the order people see. */
function orderOf<Value extends string>(record: Record<Value, unknown>): readonly Value[] {
  return Object.keys(record) as Value[];
}

/** Written in the workflow's order: left to right on the board, in the filters and the charts. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  REQUESTED: 'For dept approval',
  PENDING_CREATIVE: 'For Creative approval',
  APPROVED: 'Approved',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
};
export const STATUS_ORDER = orderOf(STATUS_LABELS);

/** Written most urgent first (filters, charts); pickers go from the default up (`PRIORITIES_LEAST_URGENT_FIRST`). */
export const PRIORITY_LABELS: Record<Priority, string> = { URGENT: 'Urgent', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };
export const PRIORITY_ORDER = orderOf(PRIORITY_LABELS);
export const PRIORITIES_LEAST_URGENT_FIRST: readonly Priority[] = [...PRIORITY_ORDER].reverse();

/** Written in the order people pick them. */
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  SOCMED_POSTING: 'Social media posting',
  WEBSITE_BANNER: 'Website banner',
  PHOTOSHOOT: 'Photoshoot',
  VIDEOSHOOT: 'Videoshoot',
  LIVE_PRODUCTION: 'Live production',
  ADS: 'Ads',
  TELEGRAM_CHANNEL: 'Telegram channel',
};
export const REQUEST_TYPE_ORDER = orderOf(REQUEST_TYPE_LABELS);

export const FILE_FORMAT_LABELS: Record<FileFormat, string> = {
  STILL: 'Still image',
  GIF: 'GIF',
  VIDEO_LANDSCAPE: 'Video, landscape',
  VIDEO_PORTRAIT: 'Video, portrait',
};
export const FILE_FORMATS = orderOf(FILE_FORMAT_LABELS);

export const CRITERIA_LABELS: Record<Criteria, string> = { IMAGE: 'Image', VIDEO: 'Video' };
export const CRITERIA = orderOf(CRITERIA_LABELS);

export const COMPLEXITY_LABELS: Record<Complexity, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };
export const COMPLEXITIES = orderOf(COMPLEXITY_LABELS);

/** The CSS custom property holding the colour of a status or priority (`--status-in-progress`, `--priority-high`). */
export function colorToken(kind: 'status' | 'priority', value: TicketStatus | Priority): string {
  return `--${kind}-${value.toLowerCase().replaceAll('_', '-')}`;
}
