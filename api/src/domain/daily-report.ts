// The daily report to the team's group: which local day is due, the windows its figures cover, and its caption.
// Days are the report time zone's calendar days (REPORT_TIMEZONE); instants are computed with Intl, so the
// rules hold across daylight-saving changes without a time-zone library.
import { escapeHtml } from './telegram-html.ts';
import { zonedFormat } from './zoned-format.ts';

/** A calendar day, YYYY-MM-DD. */
export type LocalDay = string;

export type DailyReportSchedule = { timeZone: string; hour: number; minute: number };

/** Output quantities by criteria (the ticket's, or each product item's); `other`: no criteria given. */
export type CriteriaOutput = { image: number; video: number; other: number };

export type DayFigures = { day: LocalDay; created: number; completed: number; output: CriteriaOutput };

export type QueueFigures = { requested: number; pendingCreative: number; approved: number; inProgress: number; overdue: number };

export type DailyReportFigures = {
  day: LocalDay;
  timeZone: string;
  yesterday: DayFigures;
  /** The month of `day`, from its first day through `day`: totals over `days` days. */
  month: { days: number; created: number; completed: number; output: CriteriaOutput };
  queue: QueueFigures;
  /** The last TREND_DAYS days through `day`, oldest first (the chart). */
  trend: DayFigures[];
};

export const TREND_DAYS = 14;

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const localPartsFormat = zonedFormat('en-US', {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function localParts(at: Date, timeZone: string): LocalParts {
  const format = localPartsFormat(timeZone);
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const dayOf = (utcMs: number): LocalDay => new Date(utcMs).toISOString().slice(0, 10);
const utcMidnight = (day: LocalDay) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: LocalDay, days: number): LocalDay {
  return dayOf(utcMidnight(day) + days * 86_400_000);
}

/** The instant a local day begins in the time zone. */
export function startOfDay(day: LocalDay, timeZone: string): Date {
  const wall = utcMidnight(day);
  // The zone's offset at a moment: its wall clock read as if it were UTC, minus the moment itself.
  const offsetAt = (at: number) => {
    const p = localParts(new Date(at), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
  };
  const guess = wall - offsetAt(wall);
  // A second look settles days whose offset differs from the one at UTC midnight (daylight-saving changes).
  return new Date(wall - offsetAt(guess));
}

/**
 * The day whose report is due at `now`: yesterday, once today's local clock passed the report time; else null.
 * A late start still sends it the same day; the day after, that report's day has passed and the next one is due.
 */
export function dueReportDay(now: Date, schedule: DailyReportSchedule): LocalDay | null {
  const p = localParts(now, schedule.timeZone);
  if (p.hour * 60 + p.minute < schedule.hour * 60 + schedule.minute) return null;
  return addDays(dayOf(Date.UTC(p.year, p.month - 1, p.day)), -1);
}

export type ReportDay = { day: LocalDay; start: Date; end: Date };

/** Every day the figures of `day`'s report need, oldest first: the month through `day` and the trend's days. */
export function reportDays(day: LocalDay, timeZone: string): ReportDay[] {
  const monthStart = `${day.slice(0, 8)}01`;
  const trendStart = addDays(day, -(TREND_DAYS - 1));
  const first = monthStart < trendStart ? monthStart : trendStart;
  const days: ReportDay[] = [];
  for (let current = first; current <= day; current = addDays(current, 1)) {
    days.push({ day: current, start: startOfDay(current, timeZone), end: startOfDay(addDays(current, 1), timeZone) });
  }
  return days;
}

const sumOutput = (rows: readonly DayFigures[]): CriteriaOutput => ({
  image: rows.reduce((sum, row) => sum + row.output.image, 0),
  video: rows.reduce((sum, row) => sum + row.output.video, 0),
  other: rows.reduce((sum, row) => sum + row.output.other, 0),
});

/** The report's figures from the per-day counts of reportDays(day) and the queue now. */
export function assembleFigures(day: LocalDay, timeZone: string, perDay: readonly DayFigures[], queue: QueueFigures): DailyReportFigures {
  const empty = { day, created: 0, completed: 0, output: { image: 0, video: 0, other: 0 } };
  const month = perDay.filter((row) => row.day.slice(0, 7) === day.slice(0, 7) && row.day <= day);
  return {
    day,
    timeZone,
    yesterday: perDay.find((row) => row.day === day) ?? empty,
    month: {
      days: Number(day.slice(8, 10)),
      created: month.reduce((sum, row) => sum + row.created, 0),
      completed: month.reduce((sum, row) => sum + row.completed, 0),
      output: sumOutput(month),
    },
    queue,
    trend: perDay.filter((row) => row.day > addDays(day, -TREND_DAYS) && row.day <= day),
  };
}

const average = (total: number, days: number) => (days > 0 ? total / days : 0).toFixed(1);

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function outputText(output: CriteriaOutput): string {
  const parts = [plural(output.image, 'image', 'images'), plural(output.video, 'video', 'videos')];
  if (output.other > 0) parts.push(`${output.other} other`);
  return parts.join(', ');
}

/** "Sunday, 29 November 2026": the day named in the report (a calendar day, so formatted as UTC). */
export function dayTitle(day: LocalDay): string {
  return dayTitleFormat('UTC').format(new Date(utcMidnight(day)));
}

const dayTitleFormat = zonedFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** The photo's caption (Telegram HTML, well under the 1,024-character limit). */
export function dailyReportCaption(figures: DailyReportFigures, frontendUrl?: string): string {
  const { yesterday, month, queue } = figures;
  const days = month.days;
  const lines = [
    `📊 <b>Daily report: ${escapeHtml(dayTitle(figures.day))}</b>`,
    `Created: <b>${yesterday.created}</b> (month's daily average ${average(month.created, days)})`,
    `Completed: <b>${yesterday.completed}</b> (average ${average(month.completed, days)})`,
    `Output: <b>${outputText(yesterday.output)}</b> (average ${average(month.output.image, days)} images, ${average(month.output.video, days)} videos)`,
    `Queue now: ${queue.requested} awaiting department approval, ${queue.pendingCreative} awaiting Creative approval, ` +
      `${queue.approved} approved, ${queue.inProgress} in progress; <b>${queue.overdue} overdue</b>`,
  ];
  if (frontendUrl) lines.push(`<a href="${escapeHtml(`${frontendUrl.replace(/\/+$/, '')}/analytics`)}">Open analytics</a>`);
  return lines.join('\n');
}
