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

/**
 * What PostgreSQL's statistics say of one search index (its ANALYZE of the indexed tsvector): how many rows it
 * covers and its most common words, each with the share of rows that hold it. Words not listed are rare (or the
 * index was never analysed: then every word is, and every search goes through the index as before).
 */
export type WordStatistics = { rows: number; common: ReadonlyMap<string, number> };

export const NO_WORD_STATISTICS: WordStatistics = { rows: 0, common: new Map() };

/**
 * A word in at least this share of rows is common: checked on the rows a rarer word found rather than read whole
 * from its posting list (a GIN index scan cannot stop early, LIMIT or not), and not corrected for typos.
 */
export const COMMON_WORD_SHARE = 0.05;

/**
 * What checking one row costs against reading one entry of a posting list: reading the row (with its ticket, for
 * the read rule), computing its tsvector and matching it, ≈25 µs, against ≈0.4 µs for adding one row to the index
 * scan's bitmap (60,349 entries in 23.5 ms), both measured at 100,000 tickets under a load average of 25 on 2 cores.
 */
export const ROW_CHECK_COST = 60;

/** How many times the rows a guess expects to read it may read before giving up (then the exact way runs). */
const GUESS_MARGIN = 3;

/** The share of rows holding a word as a prefix, from the common words it starts (independent, as the planner assumes). */
export function prefixShare(word: string, stats: WordStatistics): number {
  let none = 1;
  for (const [common, share] of stats.common) if (common.startsWith(word)) none *= 1 - share;
  return 1 - none;
}

const prefixQueryOf = (words: string[]) => words.map((word) => `${word}:*`).join(' & ');

/**
 * A cheaper way to the candidates when common words make the index read long posting lists: the rows read
 * (`scan`: every row; `index`: those `indexQuery`'s rarer words find), at most `rowsToRead`, each checked against
 * every word (`filterQuery`) until enough match.
 */
export type SearchGuess = { kind: 'scan' | 'index'; indexQuery: string | null; filterQuery: string; rowsToRead: number };

/**
 * How one branch of the search finds its candidates among the rows of one index. `query` (every word) through the
 * index is exact: a GIN index intersects the words' posting lists, reading each whole. `guess`, when one is
 * cheaper by the statistics, goes first; the exact way runs only if the guess read its whole allowance without
 * finding enough (words thought frequent together that rarely meet: "comment reply" in the benchmark's data),
 * so no match is lost to a wrong estimate and no guess reads a whole table.
 */
export type DocumentSearch = { query: string; guess: SearchGuess | null };

export function documentSearch(words: string[], stats: WordStatistics, candidates: number): DocumentSearch {
  const query = prefixQueryOf(words);
  const shares = words.map((word) => ({ word, share: prefixShare(word, stats) }));
  const rarest = shares.reduce((best, next) => (next.share < best.share ? next : best));
  const postings = (of: { share: number }[]) => stats.rows * of.reduce((sum, { share }) => sum + share, 0);
  const together = (of: { share: number }[]) => of.reduce((product, { share }) => product * share, 1);
  // Costs in posting-list entries. Exact: every word's list. Scan: the rows until `candidates` match.
  const exact = postings(shares);
  const options: { cost: number; guess: SearchGuess }[] = [];
  if (together(shares) > 0) {
    const rows = Math.ceil(candidates / together(shares));
    options.push({ cost: rows * ROW_CHECK_COST, guess: { kind: 'scan', indexQuery: null, filterQuery: query, rowsToRead: rows * GUESS_MARGIN } });
  }
  // Index on the rare words (the rarest at least), the common ones checked on the rows found.
  const indexed = shares.filter(({ word, share }) => word === rarest.word || share < COMMON_WORD_SHARE);
  const checked = shares.filter((share) => !indexed.includes(share));
  if (checked.length && together(checked) > 0) {
    const rows = Math.ceil(Math.min(stats.rows * together(indexed), candidates / together(checked)));
    options.push({
      cost: postings(indexed) + rows * ROW_CHECK_COST,
      guess: {
        kind: 'index',
        indexQuery: prefixQueryOf(indexed.map(({ word }) => word)),
        filterQuery: query,
        rowsToRead: Math.max(rows, candidates) * GUESS_MARGIN,
      },
    });
  }
  const best = options.reduce<(typeof options)[number] | null>((cheapest, next) => (next.cost < (cheapest?.cost ?? exact) ? next : cheapest), null);
  return { query, guess: best?.guess ?? null };
}

/**
 * The text for typo-tolerant title matching (trigram word similarity): the words that are not common in titles.
 * A common word is typed right (it is in the titles as it is), so it adds nothing but a long posting list to the
 * trigram index scan ("ticket 50123" matched 12,509 titles through "ticket"'s trigrams). Common in titles by
 * Ticket_title_search_idx's statistics. null: every word is common, nothing to correct; the text as typed when no
 * word is.
 */
export function typoText(terms: SearchTerms, titleStats: WordStatistics): string | null {
  const rare = terms.words.filter((word) => prefixShare(word, titleStats) < COMMON_WORD_SHARE);
  if (rare.length === terms.words.length) return terms.text;
  return rare.length ? rare.join(' ') : null;
}
