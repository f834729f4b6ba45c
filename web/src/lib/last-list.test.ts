import { describe, expect, it } from 'vitest';
import { lastListOr, rememberPage } from './last-list';

describe('lastListOr', () => {
  it('answers the fallback until a list was opened, then the last list or board with its filters, never a form or a ticket', () => {
    rememberPage({ pathname: '/tickets/new', search: '' });
    rememberPage({ pathname: '/tickets/42', search: '' });
    expect(lastListOr('/tickets')).toBe('/tickets');
    rememberPage({ pathname: '/board', search: '?priority=HIGH' });
    rememberPage({ pathname: '/tickets/42', search: '' });
    expect(lastListOr('/tickets')).toBe('/board?priority=HIGH');
    rememberPage({ pathname: '/my-tasks/', search: '' });
    rememberPage({ pathname: '/new', search: '?again=7' });
    rememberPage({ pathname: '/tickets/43/files/a1', search: '' });
    expect(lastListOr('/tickets')).toBe('/my-tasks');
  });
});
