import { describe, expect, it } from 'vitest';
import { commandFor, type KeyFacts, SHORTCUT_GROUPS } from './shortcut-keys';

const key = (value: string, facts: Partial<KeyFacts> = {}): KeyFacts => ({
  key: value,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  inList: false,
  afterG: false,
  onTicketPage: false,
  ...facts,
});

describe('commandFor', () => {
  it('maps the single keys', () => {
    expect(commandFor(key('c'))).toEqual({ kind: 'new-request' });
    expect(commandFor(key('?'))).toEqual({ kind: 'help' });
    expect(commandFor(key('j'))).toEqual({ kind: 'move', direction: 'next' });
    expect(commandFor(key('k'))).toEqual({ kind: 'move', direction: 'previous' });
    expect(commandFor(key('g'))).toBe('g');
  });

  it('goes somewhere only after g', () => {
    expect(commandFor(key('b', { afterG: true }))).toEqual({ kind: 'go', to: '/board' });
    expect(commandFor(key('t', { afterG: true }))).toEqual({ kind: 'go', to: '/tickets' });
    expect(commandFor(key('d', { afterG: true }))).toEqual({ kind: 'go', to: '/' });
    expect(commandFor(key('b'))).toBeUndefined();
    expect(commandFor(key('x', { afterG: true }))).toBeUndefined();
  });

  it('never fires while typing or with Ctrl, ⌘ or Alt', () => {
    for (const facts of [{ typing: true }, { ctrlKey: true }, { metaKey: true }, { altKey: true }]) {
      expect(commandFor(key('c', facts))).toBeUndefined();
      expect(commandFor(key('j', facts))).toBeUndefined();
    }
  });

  it('takes the arrows only on a card or a row, a and e only on a ticket page', () => {
    expect(commandFor(key('ArrowDown'))).toBeUndefined();
    expect(commandFor(key('ArrowDown', { inList: true }))).toEqual({ kind: 'move', direction: 'next' });
    expect(commandFor(key('ArrowLeft', { inList: true }))).toEqual({ kind: 'move', direction: 'left' });
    expect(commandFor(key('a'))).toBeUndefined();
    expect(commandFor(key('a', { onTicketPage: true }))).toEqual({ kind: 'assign' });
    expect(commandFor(key('e', { onTicketPage: true }))).toEqual({ kind: 'edit' });
  });

  it('lists every key it takes in the sheet', () => {
    const listed = SHORTCUT_GROUPS.flatMap((group) => group.rows.flatMap((row) => [...row.keys, ...(row.second ? [row.second] : [])]));
    for (const single of ['c', '?', 'j', 'k', 'g', 'b', 't', 'd', 'a', 'e']) expect(listed).toContain(single);
  });
});
