import { describe, expect, it } from 'vitest';
import { allowedMoves, moveAction } from './board-moves';

describe('board moves', () => {
  it('offers the status changes the server lists, each to its column', () => {
    const ticket = {
      availableTransitions: [
        { action: 'APPROVE', to: 'PENDING_CREATIVE' },
        { action: 'REJECT', to: 'REJECTED' },
      ] as const,
    };
    expect(allowedMoves(ticket)).toEqual([
      { action: 'APPROVE', to: 'PENDING_CREATIVE' },
      { action: 'REJECT', to: 'REJECTED' },
    ]);
    expect(moveAction(ticket, 'PENDING_CREATIVE')).toBe('APPROVE');
    expect(moveAction(ticket, 'REJECTED')).toBe('REJECT');
  });

  it('allows no move the server does not list', () => {
    const requester = { availableTransitions: [] };
    expect(allowedMoves(requester)).toEqual([]);
    expect(moveAction(requester, 'PENDING_CREATIVE')).toBeUndefined();
    const approver = { availableTransitions: [{ action: 'APPROVE', to: 'PENDING_CREATIVE' }] as const };
    expect(moveAction(approver, 'APPROVED')).toBeUndefined();
    expect(moveAction(approver, 'REQUESTED')).toBeUndefined();
  });

  it('leaves out what the board cannot run (the workspace edits those)', () => {
    const ticket = { availableTransitions: [{ action: 'EDIT', to: 'REQUESTED' }] as const };
    expect(allowedMoves(ticket)).toEqual([]);
  });
});
