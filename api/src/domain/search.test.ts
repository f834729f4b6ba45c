import { describe, expect, it } from 'vitest';
import { BadInputError } from './errors.ts';
import {
  documentSearch,
  MAX_SEARCH_LENGTH,
  NO_WORD_STATISTICS,
  parseSearch,
  personScore,
  prefixShare,
  searchResultLimit,
  typoText,
  type WordStatistics,
} from './search.ts';

describe('parseSearch', () => {
  it('reads a ticket number written as #123 or 123', () => {
    expect(parseSearch('#123')?.number).toBe(123);
    expect(parseSearch(' 123 ')?.number).toBe(123);
    expect(parseSearch('123 banner')?.number).toBeNull();
  });

  it('makes every word a required prefix, lowercased, without to_tsquery syntax', () => {
    expect(parseSearch('Spring  BANNER')?.prefixQuery).toBe('spring:* & banner:*');
    expect(parseSearch("a & !(b:*) | 'c'")?.prefixQuery).toBe('a:* & b:* & c:*');
    expect(parseSearch('crème brûlée')?.prefixQuery).toBe('crème:* & brûlée:*');
    expect(parseSearch('!!!')?.prefixQuery).toBeNull();
  });

  it('keeps at most eight distinct words', () => {
    expect(parseSearch('a b c d e f g h i j a')?.words).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('answers blank text with null and refuses text over the limit', () => {
    expect(parseSearch('   ')).toBeNull();
    expect(() => parseSearch('x'.repeat(MAX_SEARCH_LENGTH + 1))).toThrow(BadInputError);
    expect(parseSearch('x'.repeat(MAX_SEARCH_LENGTH))?.words).toHaveLength(1);
  });
});

describe('searchResultLimit', () => {
  it('defaults to 10 and refuses outside 1 to 50', () => {
    expect(searchResultLimit(undefined)).toBe(10);
    expect(searchResultLimit(50)).toBe(50);
    expect(() => searchResultLimit(0)).toThrow(BadInputError);
    expect(() => searchResultLimit(51)).toThrow(BadInputError);
  });
});

describe('personScore', () => {
  const terms = (text: string) => parseSearch(text)!;
  it('ranks an exact username above a name that starts with the text, above one that only contains it', () => {
    const exact = personScore(terms('designer'), { username: 'designer', displayName: 'Dana Designer' });
    const starts = personScore(terms('designer'), { username: 'designer2', displayName: 'Dee Designer' });
    const word = personScore(terms('lee'), { username: 'x.lee', displayName: 'Kim Lee' });
    const inside = personScore(terms('ee'), { username: 'x.lee', displayName: 'Kim Lee' });
    expect(exact).toBeGreaterThan(starts);
    expect(starts).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(inside);
  });
});

// The benchmark's 100,000 tickets as ANALYZE saw them: every comment holds "benchmark", 87 % "comment", 18 % "3".
const COMMENTS: WordStatistics = {
  rows: 345_776,
  common: new Map([
    ['benchmark', 1],
    ['comment', 0.869],
    ['reply', 0.131],
    ['1', 0.368],
    ['3', 0.177],
  ]),
};
const TICKETS: WordStatistics = {
  rows: 100_000,
  common: new Map([
    ['benchmark', 1],
    ['ticket', 1],
  ]),
};

describe('documentSearch', () => {
  it('goes through the index on every word when no word is common, or without statistics', () => {
    expect(documentSearch(['marigold', 'instagram'], COMMENTS, 200)).toEqual({ query: 'marigold:* & instagram:*', guess: null });
    expect(documentSearch(['benchmark'], NO_WORD_STATISTICS, 200)).toEqual({ query: 'benchmark:*', guess: null });
  });

  it('reads rows until it has its candidates for a word in every row, within three times the rows it expects', () => {
    expect(documentSearch(['benchmark'], COMMENTS, 200).guess).toEqual({ kind: 'scan', indexQuery: null, filterQuery: 'benchmark:*', rowsToRead: 600 });
    expect(documentSearch(['bench'], TICKETS, 200).guess?.kind).toBe('scan');
  });

  it('goes through the index on the rare word and checks the common one on the rows it finds', () => {
    expect(documentSearch(['ticket', '50123'], TICKETS, 200).guess).toEqual({
      kind: 'index',
      indexQuery: '50123:*',
      filterQuery: 'ticket:* & 50123:*',
      rowsToRead: 600,
    });
    // Two common words: the index on the rarer, the other checked (the cheapest by the statistics).
    expect(documentSearch(['comment', '3'], COMMENTS, 200).guess).toMatchObject({ kind: 'index', indexQuery: '3:*', filterQuery: 'comment:* & 3:*' });
  });

  it('keeps the exact way when checking rows would cost more than the posting lists', () => {
    // "reply" and "3" together in 2 % of the rows (if independent): 8,700 rows to read, 1,130 to check.
    expect(documentSearch(['reply', '3'], COMMENTS, 200).guess).toBeNull();
    // A small table: reading its posting lists whole is cheap.
    expect(documentSearch(['benchmark'], { rows: 300, common: new Map([['benchmark', 1]]) }, 200).guess).toBeNull();
  });
});

describe('prefixShare and typoText', () => {
  it('adds up the common words a prefix starts, as independent', () => {
    expect(prefixShare('comm', COMMENTS)).toBeCloseTo(0.869);
    expect(prefixShare('zebra', COMMENTS)).toBe(0);
    const twoWords: WordStatistics = {
      rows: 10,
      common: new Map([
        ['banner', 0.5],
        ['band', 0.5],
      ]),
    };
    expect(prefixShare('ban', twoWords)).toBeCloseTo(0.75);
  });

  it('corrects only the words that are not common in the tickets', () => {
    expect(typoText(parseSearch('ticket 50123')!, TICKETS)).toBe('50123');
    expect(typoText(parseSearch('benchmark ticket')!, TICKETS)).toBeNull();
    expect(typoText(parseSearch('Kaleidoscpe  poster')!, TICKETS)).toBe('kaleidoscpe  poster');
  });
});
