// How a ticket's dates read for people: due dates short, past moments relative ("5 minutes ago").

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
