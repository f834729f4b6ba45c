import { describe, expect, it } from 'vitest';
import { columnHours, hours } from './format';

describe('durations', () => {
  it('reads a lone figure in days from two days up, and a table column always in hours', () => {
    expect(hours(46.2)).toBe('46.2 h');
    expect(hours(55.2)).toBe('2.3 d');
    expect([55.2, 46.2].map(columnHours)).toEqual(['55.2 h', '46.2 h']);
    expect(columnHours(null)).toBe('—');
  });
});
