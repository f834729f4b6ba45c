import { describe, expect, it } from 'vitest';
import { zonedFormat } from './zoned-format.ts';

describe('zonedFormat', () => {
  const clock = zonedFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const noonUtc = new Date('2026-12-06T12:00:00Z');

  it('formats in the zone it is asked for', () => {
    expect(clock('UTC').format(noonUtc)).toBe('12:00');
    expect(clock('Asia/Manila').format(noonUtc)).toBe('20:00');
  });

  it('builds one formatter per zone and hands it out again', () => {
    expect(clock('Asia/Manila')).toBe(clock('Asia/Manila'));
    expect(clock('UTC')).not.toBe(clock('Asia/Manila'));
  });
});
