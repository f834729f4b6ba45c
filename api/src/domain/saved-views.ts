// Saved views (issue 25): a person's named filters of the tickets list or the board. The filter is the page's
// URL query (web/src/lib/ticket-filters.ts), kept as JSON and checked here on the way in: known keys only,
// each a short text or a short list of short texts, so a view can hold nothing but what the URL could.
import { BadInputError } from './errors.ts';
import type { SavedViewPage } from './vocabulary.ts';

export { SAVED_VIEW_PAGES, type SavedViewPage } from './vocabulary.ts';

/** The URL keys both pages filter by; the list also keeps its sort order. Cursors are not a view. */
const FILTER_KEYS = ['q', 'status', 'priority', 'type', 'dept', 'assignee', 'mine', 'overdue'] as const;
const KEYS_BY_PAGE: Record<SavedViewPage, ReadonlySet<string>> = {
  LIST: new Set([...FILTER_KEYS, 'sort', 'dir']),
  BOARD: new Set(FILTER_KEYS),
};

export const MAX_VIEW_NAME_LENGTH = 80;
export const MAX_VIEWS_PER_PERSON = 50;
const MAX_VALUE_LENGTH = 200;
const MAX_LIST_LENGTH = 20;

export type ViewFilter = Record<string, string | string[]>;

export function validateViewName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new BadInputError('Give the view a name.', 'name');
  if (trimmed.length > MAX_VIEW_NAME_LENGTH) throw new BadInputError(`A view's name is at most ${MAX_VIEW_NAME_LENGTH} characters.`, 'name');
  return trimmed;
}

/** The filter as stored: known keys of the page, empty values dropped; anything else is refused. */
export function validateViewFilter(page: SavedViewPage, filter: unknown): ViewFilter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    throw new BadInputError('filter must be an object of URL query values.', 'filter');
  const allowed = KEYS_BY_PAGE[page];
  const result: ViewFilter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!allowed.has(key)) throw new BadInputError(`filter has an unknown key "${key.slice(0, 40)}" for the ${page.toLowerCase()} page.`, 'filter');
    if (typeof value === 'string') {
      if (value.length > MAX_VALUE_LENGTH) throw new BadInputError(`filter.${key} is at most ${MAX_VALUE_LENGTH} characters.`, 'filter');
      if (value) result[key] = value;
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      if (value.length > MAX_LIST_LENGTH) throw new BadInputError(`filter.${key} holds at most ${MAX_LIST_LENGTH} values.`, 'filter');
      if (value.some((item) => item.length > MAX_VALUE_LENGTH))
        throw new BadInputError(`filter.${key}'s values are at most ${MAX_VALUE_LENGTH} characters.`, 'filter');
      const items = value.filter(Boolean);
      if (items.length) result[key] = items;
    } else {
      throw new BadInputError(`filter.${key} must be a text or a list of texts.`, 'filter');
    }
  }
  return result;
}
