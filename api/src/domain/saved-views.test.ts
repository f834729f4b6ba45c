import { describe, expect, it } from 'vitest';
import { BadInputError } from './errors.ts';
import { validateViewFilter, validateViewName } from './saved-views.ts';

describe('validateViewFilter', () => {
  it('keeps the known keys of the page and drops empty values', () => {
    expect(validateViewFilter('LIST', { q: 'x', status: ['REQUESTED', ''], dept: '', sort: 'due', type: [] })).toEqual({
      q: 'x',
      status: ['REQUESTED'],
      sort: 'due',
    });
    expect(validateViewFilter('BOARD', { mine: 'assigned', overdue: '1' })).toEqual({ mine: 'assigned', overdue: '1' });
  });

  it('refuses keys of another page, unknown keys and values a URL cannot hold', () => {
    for (const [page, filter] of [
      ['BOARD', { sort: 'due' }],
      ['LIST', { after: 'cursor' }],
      ['LIST', { q: 1 }],
      ['LIST', { q: { nested: true } }],
      ['LIST', { status: Array.from({ length: 21 }, () => 'REQUESTED') }],
      ['LIST', null],
      ['LIST', 'q=x'],
    ] as const) {
      expect(() => validateViewFilter(page, filter)).toThrow(BadInputError);
    }
  });
});

describe('validateViewName', () => {
  it('tidies spaces and refuses empty or long names', () => {
    expect(validateViewName('  My   view ')).toBe('My view');
    expect(() => validateViewName(' ')).toThrow(BadInputError);
    expect(() => validateViewName('x'.repeat(81))).toThrow(BadInputError);
  });
});
