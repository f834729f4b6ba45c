import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../gql/graphql';
import { loadCollapsed, saveCollapsed } from './board-collapse';

/** localStorage's two methods over a Map (these unit tests run in Node). */
function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('collapsed board columns', () => {
  it('starts with Closed and Rejected collapsed, and keeps each person’s own choice', () => {
    const storage = memoryStorage();
    const load = (userId: string) => [...loadCollapsed(userId, storage)];
    const save = (userId: string, collapsed: TicketStatus[]) => saveCollapsed(userId, new Set(collapsed), storage);
    expect(load('u1')).toEqual(['CLOSED', 'REJECTED']);
    save('u1', ['REJECTED', 'IN_PROGRESS']);
    expect(load('u1')).toEqual(['IN_PROGRESS', 'REJECTED']);
    expect(load('u2')).toEqual(['CLOSED', 'REJECTED']);
    // Everything expanded is a choice too, not a reason to fall back to the default.
    save('u2', []);
    expect(load('u2')).toEqual([]);
  });

  it('ignores a damaged or unknown stored value', () => {
    const storage = memoryStorage();
    storage.setItem('juan365.board-collapsed.u1', '{not json');
    expect([...loadCollapsed('u1', storage)]).toEqual(['CLOSED', 'REJECTED']);
    storage.setItem('juan365.board-collapsed.u1', JSON.stringify(['CLOSED', 'NOT_A_STATUS']));
    expect([...loadCollapsed('u1', storage)]).toEqual(['CLOSED']);
  });
});
