// The activity log's filters, kept in the URL (lib/url-state.ts) like the board's: who, which ticket (by its
// number, as people say it) and a range of days in the viewer's own calendar. Pure; tested beside it.
import type { ActivityFilter } from '../../gql/graphql';
import { parseUrlState, textField, type UrlField, type UrlValues } from '../../lib/url-state';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD (what <input type="date"> gives); anything else is no filter. */
export function dayField(): UrlField<string> {
  return {
    defaultValue: '',
    parse: (raw) => (DAY.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00`)) ? raw : undefined),
    format: (value) => value,
  };
}

/** A ticket number: a positive whole number, "#" allowed. */
export function ticketNumberField(): UrlField<string> {
  return {
    defaultValue: '',
    parse: (raw) => {
      const digits = raw.trim().replace(/^#/, '');
      return /^[1-9]\d{0,8}$/.test(digits) ? digits : undefined;
    },
    format: (value) => value,
  };
}

export const activityFields = {
  person: textField(),
  ticket: ticketNumberField(),
  from: dayField(),
  to: dayField(),
  after: textField(),
};

export type ActivityValues = UrlValues<typeof activityFields>;

export function parseActivityState(params: Parameters<typeof parseUrlState>[1]): ActivityValues {
  return parseUrlState(activityFields, params);
}

export function hasActivityFilters(values: ActivityValues): boolean {
  return Boolean(values.person || values.ticket || values.from || values.to);
}

/** Start of the day, local time. */
function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00`);
}

/**
 * The API's filter: `since` is the start of the first day, `until` (exclusive) the start of the day after
 * the last, both in the viewer's time zone; a range given backwards is read the right way round.
 */
export function toActivityFilter(values: ActivityValues, ticketId: string | undefined): ActivityFilter {
  let [from, to] = [values.from, values.to];
  if (from && to && from > to) [from, to] = [to, from];
  const filter: ActivityFilter = {};
  if (values.person) filter.actorId = values.person;
  if (ticketId) filter.ticketId = ticketId;
  if (from) filter.since = startOfDay(from).toISOString();
  if (to) {
    const end = startOfDay(to);
    end.setDate(end.getDate() + 1);
    filter.until = end.toISOString();
  }
  return filter;
}
