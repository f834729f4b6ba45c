import { describe, expect, it } from 'vitest';
import { BadInputError } from './errors.ts';
import { MAX_SEARCH_LENGTH, parseSearch, personScore, searchResultLimit } from './search.ts';

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
