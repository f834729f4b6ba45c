// What other modules read from the workflow table instead of keeping a copy: the board's legal moves, the
// stage stamps, the history actions a rollback reads, the statuses a Telegram notice offers Approve for and
// the roles shield admits to the trash. Every expectation is written out by hand from the contract
// (/work/shared/CONTRACT.md "Who may do what" and the stage stamps it names), not derived, so a wrong row
// in the table, or a derivation that reads it wrongly, fails here.
import { describe, expect, it } from 'vitest';
import { REACHED, STAMPING_HISTORY_ACTIONS, stampsOfEntry } from './stage-times.ts';
import type { TicketFacts, TicketStatus } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';
import { DONE_STATUSES, FINAL_STATUSES, OPEN_STATUSES, statusArraySql } from './vocabulary.ts';
import { availableTransitions, rolesThatMay, STATUS_MOVES, statusesAllowing, statusesReachedBy } from './workflow.ts';

describe('the board: legal moves between statuses', () => {
  it('are the eight status changes of the contract, in the order of the table', () => {
    expect(STATUS_MOVES.map(({ action, from, to }) => ({ action, from, to }))).toEqual([
      { action: 'APPROVE', from: 'REQUESTED', to: 'PENDING_CREATIVE' },
      { action: 'APPROVE', from: 'PENDING_CREATIVE', to: 'APPROVED' },
      { action: 'REJECT', from: 'REQUESTED', to: 'REJECTED' },
      { action: 'REJECT', from: 'PENDING_CREATIVE', to: 'REJECTED' },
      { action: 'START', from: 'APPROVED', to: 'IN_PROGRESS' },
      { action: 'COMPLETE', from: 'IN_PROGRESS', to: 'COMPLETED' },
      { action: 'CONFIRM', from: 'COMPLETED', to: 'CLOSED' },
      { action: 'REQUEST_REVISION', from: 'COMPLETED', to: 'IN_PROGRESS' },
    ]);
  });

  const viewer = (id: string, role: Viewer['role'], departmentId: string | null): Viewer => ({
    id,
    username: id,
    role,
    departmentId,
    inCreativeDepartment: departmentId === 'creative',
  });
  const ticket = (status: TicketStatus, over: Partial<TicketFacts> = {}): TicketFacts => ({
    status,
    requesterId: 'requester',
    departmentId: 'marketing',
    assigneeId: 'assignee',
    collaboratorIds: [],
    reachedCreative: status !== 'REQUESTED',
    deleted: false,
    ...over,
  });
  const admin = viewer('admin', 'ADMIN', null);
  const requester = viewer('requester', 'MEMBER', 'marketing');
  const assignee = viewer('assignee', 'MEMBER', 'creative');
  const creativeManager = viewer('cm', 'MANAGER', 'creative');

  it('a viewer is offered only the moves the workflow lets them make now', () => {
    expect(availableTransitions(ticket('REQUESTED'), admin)).toEqual([
      { action: 'APPROVE', to: 'PENDING_CREATIVE' },
      { action: 'REJECT', to: 'REJECTED' },
    ]);
    expect(availableTransitions(ticket('REQUESTED'), requester)).toEqual([]);
    expect(availableTransitions(ticket('PENDING_CREATIVE'), creativeManager)).toEqual([
      { action: 'APPROVE', to: 'APPROVED' },
      { action: 'REJECT', to: 'REJECTED' },
    ]);
    expect(availableTransitions(ticket('APPROVED'), assignee)).toEqual([{ action: 'START', to: 'IN_PROGRESS' }]);
    // Start needs an assignee: the move is not offered before one is set.
    expect(availableTransitions(ticket('APPROVED', { assigneeId: null }), admin)).toEqual([]);
    expect(availableTransitions(ticket('COMPLETED'), requester)).toEqual([
      { action: 'CONFIRM', to: 'CLOSED' },
      { action: 'REQUEST_REVISION', to: 'IN_PROGRESS' },
    ]);
    expect(availableTransitions(ticket('COMPLETED'), assignee)).toEqual([{ action: 'REQUEST_REVISION', to: 'IN_PROGRESS' }]);
    expect(availableTransitions(ticket('CLOSED'), admin)).toEqual([]);
    expect(availableTransitions(ticket('REQUESTED', { deleted: true }), admin)).toEqual([]);
  });
});

describe('stage stamps', () => {
  it('a ticket in each status may carry the stamps of the stages it passed (a revision cleared completedAt)', () => {
    expect(REACHED).toEqual({
      REQUESTED: [],
      PENDING_CREATIVE: ['deptApprovedAt'],
      APPROVED: ['deptApprovedAt', 'creativeApprovedAt'],
      IN_PROGRESS: ['deptApprovedAt', 'creativeApprovedAt', 'startedAt'],
      COMPLETED: ['deptApprovedAt', 'creativeApprovedAt', 'startedAt', 'completedAt'],
      CLOSED: ['deptApprovedAt', 'creativeApprovedAt', 'startedAt', 'completedAt', 'closedAt'],
      REJECTED: ['deptApprovedAt', 'rejectedAt'],
    });
  });

  it('each history entry sets the stamps of its step', () => {
    const cases: [Parameters<typeof stampsOfEntry>[0], string[]][] = [
      [{ action: 'CREATED', toStatus: 'REQUESTED' }, []],
      [{ action: 'CREATED', toStatus: 'PENDING_CREATIVE' }, ['deptApprovedAt']],
      [{ action: 'CREATED', toStatus: 'APPROVED' }, ['deptApprovedAt', 'creativeApprovedAt']],
      [{ action: 'APPROVED', toStatus: 'PENDING_CREATIVE' }, ['deptApprovedAt']],
      [{ action: 'APPROVED', toStatus: 'APPROVED' }, ['creativeApprovedAt']],
      [{ action: 'REJECTED', toStatus: 'REJECTED' }, ['rejectedAt']],
      [{ action: 'ASSIGNED', toStatus: 'IN_PROGRESS' }, ['assignedAt']],
      [{ action: 'STARTED', toStatus: 'IN_PROGRESS' }, ['startedAt']],
      [{ action: 'COMPLETED', toStatus: 'COMPLETED' }, ['completedAt']],
      [{ action: 'CONFIRMED', toStatus: 'CLOSED' }, ['closedAt']],
      [{ action: 'REVISION_REQUESTED', toStatus: 'IN_PROGRESS' }, []],
      [{ action: 'UPDATED', toStatus: 'APPROVED' }, []],
      [{ action: 'ROLLBACK', toStatus: 'APPROVED' }, []],
    ];
    for (const [entry, stamps] of cases) expect([entry, stampsOfEntry(entry)]).toEqual([entry, stamps]);
  });

  it('a rollback reads the entries of the seven history actions that set stamps', () => {
    expect([...STAMPING_HISTORY_ACTIONS].sort()).toEqual(['APPROVED', 'ASSIGNED', 'COMPLETED', 'CONFIRMED', 'CREATED', 'REJECTED', 'STARTED']);
  });
});

describe('status sets and who the table admits', () => {
  it('nothing but a rollback leaves a final status; open statuses are the others', () => {
    expect(STATUS_MOVES.filter((move) => FINAL_STATUSES.includes(move.from))).toEqual([]);
    expect(OPEN_STATUSES).toEqual(['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED']);
    expect(DONE_STATUSES).toEqual(['COMPLETED', 'CLOSED', 'REJECTED']);
  });

  it('the SQL form of a set is the partial index predicate verbatim', () => {
    expect(statusArraySql(DONE_STATUSES)).toBe(`ARRAY['COMPLETED'::"TicketStatus", 'CLOSED'::"TicketStatus", 'REJECTED'::"TicketStatus"]`);
  });

  it('Telegram offers Approve on a new request at either step, and on an approval that leads to the next step', () => {
    expect(statusesAllowing('APPROVE')).toEqual(['REQUESTED', 'PENDING_CREATIVE']);
    expect(statusesReachedBy('APPROVE').filter((status) => statusesAllowing('APPROVE').includes(status))).toEqual(['PENDING_CREATIVE']);
  });

  it('restoring is for managers and admins, purging for admins, commenting for anyone', () => {
    expect(rolesThatMay('RESTORE')).toEqual(['ADMIN', 'MANAGER']);
    expect(rolesThatMay('PURGE')).toEqual(['ADMIN']);
    expect(rolesThatMay('COMMENT')).toEqual(['ADMIN', 'MANAGER', 'MEMBER']);
  });
});
