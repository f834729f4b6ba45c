import { describe, expect, it } from 'vitest';
import { highlight, matchingPages, paletteItems, ticketNumberInPath, ticketNumberOf } from './palette-model';

const ticket = (number: number, title: string) => ({ ticket: { id: `T${number}`, number, title, status: 'REQUESTED' as const }, snippet: 'the brief' });
const person = { user: { id: 'U1', username: 'designer', displayName: 'Dana Designer', department: { name: 'Creative' } } };

describe('paletteItems', () => {
  it('lists tickets, then people, then the pages whose names match', () => {
    const items = paletteItems('des', [ticket(7, 'Desk banner'), person], 'MEMBER');
    expect(items.map((item) => item.group)).toEqual(['Tickets', 'People']);
    expect(items[0]).toMatchObject({ prefix: '#7', label: 'Desk banner', href: '/tickets/7', detail: 'the brief' });
    expect(items[1]).toMatchObject({ label: 'Dana Designer', detail: '@designer · Creative', href: '/tickets?assignee=U1' });
    expect(paletteItems('des', [person], 'ADMIN')[0]?.href).toBe('/admin/users?q=designer');
  });

  it('offers a jump to a typed number unless a result is that ticket', () => {
    expect(paletteItems('#42', [], 'MEMBER')[0]).toMatchObject({ label: 'Go to ticket #42', href: '/tickets/42' });
    expect(paletteItems('42', [ticket(42, 'Found')], 'MEMBER').filter((item) => item.group === 'Tickets')).toHaveLength(1);
  });

  it('shows every page the role may open when nothing is typed', () => {
    const member = paletteItems('', [], 'MEMBER').map((item) => item.label);
    expect(member).toContain('Board');
    expect(member).toContain('Activity');
    expect(member).not.toContain('Users');
    expect(paletteItems('', [], 'ADMIN').map((item) => item.label)).toContain('Service accounts');
  });
});

describe('matchingPages', () => {
  it('needs every typed word to start a word of the name', () => {
    expect(matchingPages('my ta', 'MEMBER').map((page) => page.label)).toEqual(['My tasks']);
    expect(matchingPages('month rep', 'MANAGER').map((page) => page.label)).toEqual(['Monthly report']);
    expect(matchingPages('month rep', 'MEMBER')).toEqual([]);
  });
});

describe('ticketNumberOf', () => {
  it('reads #123 and 123, nothing else', () => {
    expect(ticketNumberOf(' #123 ')).toBe(123);
    expect(ticketNumberOf('123')).toBe(123);
    expect(ticketNumberOf('123 banner')).toBeNull();
  });
});

describe('highlight', () => {
  it('marks the typed words where they start a word, keeping the text whole', () => {
    const segments = highlight('Spring banner, bannerless', ['ban', 'spr']);
    expect(segments).toEqual([
      { text: 'Spr', mark: true },
      { text: 'ing ', mark: false },
      { text: 'ban', mark: true },
      { text: 'ner, ', mark: false },
      { text: 'ban', mark: true },
      { text: 'nerless', mark: false },
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe('Spring banner, bannerless');
    expect(highlight('urban', ['ban'])).toEqual([{ text: 'urban', mark: false }]);
  });
});

describe('actions on the open ticket', () => {
  const open = {
    id: 'T12',
    number: 12,
    title: 'Spring banner',
    status: 'PENDING_CREATIVE' as const,
    version: 4,
    availableActions: ['EDIT', 'COMMENT', 'APPROVE', 'REJECT', 'REQUEST_REVISION', 'DELETE'] as const,
  };

  it('lists the actions the ticket offers the viewer that the runner runs, first, and only on a ticket page', () => {
    const items = paletteItems('', [], 'MANAGER', open);
    expect(items.filter((item) => item.group === 'Actions').map((item) => item.label)).toEqual(['Approve', 'Reject', 'Request revision', 'Delete']);
    expect(items[0]).toMatchObject({ key: 'action:APPROVE', action: 'APPROVE', prefix: '#12', detail: 'Spring banner' });
    expect(items[0]?.href).toBeUndefined();
    expect(paletteItems('', [], 'MANAGER').some((item) => item.group === 'Actions')).toBe(false);
  });

  it('keeps the actions whose words start with the typed ones, before the search results', () => {
    const items = paletteItems('approve', [ticket(7, 'Approve the banner')], 'MANAGER', open);
    expect(items.map((item) => item.key)).toEqual(['action:APPROVE', 'ticket:T7']);
    expect(paletteItems('rev', [], 'MANAGER', open).map((item) => item.label)).toEqual(['Request revision']);
  });

  it('finds the ticket number of a ticket page only', () => {
    expect(ticketNumberInPath('/tickets/12')).toBe(12);
    expect(ticketNumberInPath('/tickets/12/')).toBe(12);
    expect(ticketNumberInPath('/tickets/12/files/abc')).toBeNull();
    expect(ticketNumberInPath('/tickets')).toBeNull();
    expect(ticketNumberInPath('/board')).toBeNull();
  });
});
