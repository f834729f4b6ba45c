// What a search box's text means (the `search` query, issue 25): a ticket number, words to match as prefixes,
// and the text itself for typo-tolerant matching; plus the limits a caller must keep and how people are ranked.
import { BadInputError } from './errors.ts';

/** Longer text is refused: nobody types a paragraph into a search box, and every word costs an index lookup. */
export const MAX_SEARCH_LENGTH = 200;
/** Words beyond these are ignored (each is one more AND in the full-text query). */
export const MAX_SEARCH_WORDS = 8;
export const DEFAULT_SEARCH_RESULTS = 10;
export const MAX_SEARCH_RESULTS = 50;
/** People are a handful of hits beside tickets, never the whole list. */
export const MAX_PEOPLE_RESULTS = 5;

export type SearchTerms = {
  /** The text as typed, trimmed, lowercased, for trigram similarity. */
  text: string;
  /** "#123" or "123": the ticket with that number comes first. */
  number: number | null;
  /** Each word a prefix, all required: `banner:* & launch:*` for to_tsquery('simple', …); null when no word. */
  prefixQuery: string | null;
  words: string[];
};

/** null when there is nothing to search for (blank text). */
export function parseSearch(raw: string): SearchTerms | null {
  const text = raw.trim().toLowerCase();
  if (text.length > MAX_SEARCH_LENGTH) throw new BadInputError(`Search for at most ${MAX_SEARCH_LENGTH} characters.`, 'query');
  if (!text) return null;
  const digits = /^#?(\d{1,9})$/.exec(text)?.[1];
  // Letters and digits only: nothing of to_tsquery's syntax (& | ! : * ( ) ') can reach it.
  const words = [...new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_SEARCH_WORDS);
  return {
    text,
    number: digits ? Number(digits) : null,
    prefixQuery: words.length ? words.map((word) => `${word}:*`).join(' & ') : null,
    words,
  };
}

export function searchResultLimit(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_SEARCH_RESULTS;
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw new BadInputError(`first must be between 1 and ${MAX_SEARCH_RESULTS}.`, 'first');
  }
  return first;
}

/**
 * A person's score on the tickets' scale (a full-text hit on a title is worth about 1): a name or username that
 * starts with the text ranks above one that only contains it, an exact username above both.
 */
export function personScore(terms: SearchTerms, person: { username: string; displayName: string }): number {
  const username = person.username.toLowerCase();
  const name = person.displayName.toLowerCase();
  if (username === terms.text || name === terms.text) return 2;
  if (username.startsWith(terms.text) || name.startsWith(terms.text)) return 1.5;
  // Every word starts a word of the name or a part of the username ("lee" in "Kim Lee" or "x.lee").
  const parts = [...name.split(/\s+/), ...username.split(/[._-]/)];
  if (terms.words.every((word) => parts.some((part) => part.startsWith(word)))) return 1.2;
  return 0.8;
}
