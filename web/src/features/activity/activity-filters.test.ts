import { describe, expect, it } from 'vitest';
import { urlSearch } from '../../lib/url-state';
import { activityFields, hasActivityFilters, parseActivityState, toActivityFilter } from './activity-filters';

describe('activity filters in the URL', () => {
  it('reads person, ticket and days, dropping malformed values', () => {
    const values = parseActivityState({ person: 'u1', ticket: '#42', from: '2026-11-02', to: '2026-13-45x' });
    expect(values).toEqual({ person: 'u1', ticket: '42', from: '2026-11-02', to: '', after: '' });
    expect(parseActivityState({ ticket: '0' }).ticket).toBe('');
    expect(parseActivityState({ ticket: 'abc' }).ticket).toBe('');
    expect(hasActivityFilters(parseActivityState({}))).toBe(false);
    expect(hasActivityFilters(values)).toBe(true);
  });

  it('writes only what is set', () => {
    expect(urlSearch(activityFields, { person: '', ticket: '7', from: '2026-11-01', to: '', after: '' })).toBe('ticket=7&from=2026-11-01');
  });
});

describe('toActivityFilter', () => {
  it('sends nothing for no filters', () => {
    expect(toActivityFilter(parseActivityState({}), undefined)).toEqual({});
  });

  it('covers whole local days, the last one included', () => {
    const filter = toActivityFilter(parseActivityState({ from: '2026-11-02', to: '2026-11-03' }), 'ticket-9');
    expect(filter.ticketId).toBe('ticket-9');
    expect(new Date(String(filter.since)).getTime()).toBe(new Date(2026, 10, 2).getTime());
    expect(new Date(String(filter.until)).getTime()).toBe(new Date(2026, 10, 4).getTime());
  });

  it('reads a backwards range the right way round', () => {
    const filter = toActivityFilter(parseActivityState({ from: '2026-11-05', to: '2026-11-01' }), undefined);
    expect(new Date(String(filter.since)).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(String(filter.until)).getTime()).toBe(new Date(2026, 10, 6).getTime());
  });
});
