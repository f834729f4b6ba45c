// How ticket enums read for people, in the order the workflow and the filters show them.
import type { Priority, RequestType, TicketStatus } from '../gql/graphql';

/** The seed's flow, left to right on the board. */
export const STATUS_ORDER = [
  'REQUESTED',
  'PENDING_CREATIVE',
  'APPROVED',
  'IN_PROGRESS',
  'COMPLETED',
  'CLOSED',
  'REJECTED',
] as const satisfies readonly TicketStatus[];

export const STATUS_TITLES: Record<TicketStatus, string> = {
  REQUESTED: 'For dept approval',
  PENDING_CREATIVE: 'For Creative approval',
  APPROVED: 'Approved',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
};

export const PRIORITY_ORDER = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'] as const satisfies readonly Priority[];

export const PRIORITY_LABELS: Record<Priority, string> = { URGENT: 'Urgent', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };

export const REQUEST_TYPE_ORDER = [
  'SOCMED_POSTING',
  'WEBSITE_BANNER',
  'PHOTOSHOOT',
  'VIDEOSHOOT',
  'LIVE_PRODUCTION',
  'ADS',
  'TELEGRAM_CHANNEL',
] as const satisfies readonly RequestType[];

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  SOCMED_POSTING: 'Social post',
  WEBSITE_BANNER: 'Website banner',
  PHOTOSHOOT: 'Photoshoot',
  VIDEOSHOOT: 'Videoshoot',
  LIVE_PRODUCTION: 'Live production',
  ADS: 'Ads',
  TELEGRAM_CHANNEL: 'Telegram channel',
};

const dueFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dueFormatWithYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

/** A due date, short: "Mar 4" this year, "Mar 4, 2027" otherwise. */
export function formatDue(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return (date.getFullYear() === now.getFullYear() ? dueFormat : dueFormatWithYear).format(date);
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday": how long ago `iso` was, in the browser's language. */
export function sinceText(iso: string, now = Date.now()): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  if (Math.abs(minutes) < 60) return relativeFormat.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relativeFormat.format(hours, 'hour');
  return relativeFormat.format(Math.round(hours / 24), 'day');
}
