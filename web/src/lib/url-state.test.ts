import { describe, expect, it } from 'vitest';
import { flagField, listField, oneOfField, parseUrlState, serializeUrlState, textField, urlSearch } from './url-state';

const fields = {
  q: textField(),
  status: listField(['REQUESTED', 'APPROVED', 'CLOSED'] as const),
  sort: oneOfField(['updated', 'due', 'number'] as const, 'updated'),
  overdue: flagField(),
};

describe('url state', () => {
  it('reads an empty query as all defaults', () => {
    expect(parseUrlState(fields, {})).toEqual({ q: '', status: [], sort: 'updated', overdue: false });
  });

  it('round-trips every non-default value', () => {
    const values = { q: '#42', status: ['APPROVED', 'REQUESTED'] as ('REQUESTED' | 'APPROVED' | 'CLOSED')[], sort: 'due' as const, overdue: true };
    const search = urlSearch(fields, values);
    expect(search).toBe('q=%2342&status=REQUESTED%2CAPPROVED&sort=due&overdue=1');
    const parsed = parseUrlState(fields, Object.fromEntries(new URLSearchParams(search)));
    expect(parsed).toEqual({ ...values, status: ['REQUESTED', 'APPROVED'] });
  });

  it('drops defaults, so clearing a filter removes its parameter', () => {
    expect(serializeUrlState(fields, { q: '', status: [], sort: 'updated', overdue: false })).toEqual({
      q: undefined,
      status: undefined,
      sort: undefined,
      overdue: undefined,
    });
    expect(urlSearch(fields, { sort: 'updated', status: ['CLOSED'] })).toBe('status=CLOSED');
  });

  it('touches only the fields given (others stay as they are in the URL)', () => {
    expect(serializeUrlState(fields, { overdue: true })).toEqual({ overdue: '1' });
  });

  it('falls back to defaults for unknown or malformed values', () => {
    expect(parseUrlState(fields, { sort: 'bogus', status: 'NOPE,CLOSED', overdue: 'maybe', q: '   ' })).toEqual({
      q: '',
      status: ['CLOSED'],
      sort: 'updated',
      overdue: false,
    });
  });

  it('accepts a repeated parameter as a list', () => {
    expect(parseUrlState(fields, { status: ['CLOSED', 'REQUESTED'] }).status).toEqual(['REQUESTED', 'CLOSED']);
  });
});
