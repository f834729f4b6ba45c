import { describe, expect, it } from 'vitest';
import { allowedMoves, moveAction } from './board-moves';

describe('board moves', () => {
  it('approving a request for department approval moves it to Creative approval', () => {
    const ticket = { status: 'REQUESTED' as const, availableActions: ['APPROVE', 'REJECT', 'EDIT', 'COMMENT'] as const };
    expect(allowedMoves(ticket)).toEqual([
      { action: 'APPROVE', to: 'PENDING_CREATIVE' },
      { action: 'REJECT', to: 'REJECTED' },
    ]);
    expect(moveAction(ticket, 'PENDING_CREATIVE')).toBe('APPROVE');
    expect(moveAction(ticket, 'REJECTED')).toBe('REJECT');
  });

  it('allows no move the server does not list, even one the workflow has', () => {
    const requester = { status: 'REQUESTED' as const, availableActions: ['EDIT', 'COMMENT', 'DELETE'] as const };
    expect(allowedMoves(requester)).toEqual([]);
    expect(moveAction(requester, 'PENDING_CREATIVE')).toBeUndefined();
  });

  it('never skips a step or moves backwards outside the workflow', () => {
    const ticket = { status: 'REQUESTED' as const, availableActions: ['APPROVE'] as const };
    expect(moveAction(ticket, 'APPROVED')).toBeUndefined();
    expect(moveAction(ticket, 'REQUESTED')).toBeUndefined();
    const done = { status: 'COMPLETED' as const, availableActions: ['APPROVE', 'START'] as const };
    expect(allowedMoves(done)).toEqual([]);
  });

  it('maps each later step to its column', () => {
    expect(moveAction({ status: 'PENDING_CREATIVE', availableActions: ['APPROVE'] }, 'APPROVED')).toBe('APPROVE');
    expect(moveAction({ status: 'APPROVED', availableActions: ['START', 'ASSIGN'] }, 'IN_PROGRESS')).toBe('START');
    expect(moveAction({ status: 'IN_PROGRESS', availableActions: ['COMPLETE'] }, 'COMPLETED')).toBe('COMPLETE');
    expect(moveAction({ status: 'COMPLETED', availableActions: ['CONFIRM', 'REQUEST_REVISION'] }, 'CLOSED')).toBe('CONFIRM');
    expect(moveAction({ status: 'COMPLETED', availableActions: ['CONFIRM', 'REQUEST_REVISION'] }, 'IN_PROGRESS')).toBe('REQUEST_REVISION');
  });
});
