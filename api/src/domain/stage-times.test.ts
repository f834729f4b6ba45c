import { describe, expect, it } from 'vitest';
import { type StageStamps, stageDurations, stampsAfterRollback } from './stage-times.ts';

const T0 = new Date('2026-03-02T08:00:00Z');
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const none: StageStamps = {
  deptApprovedAt: null,
  creativeApprovedAt: null,
  assignedAt: null,
  startedAt: null,
  completedAt: null,
  closedAt: null,
  rejectedAt: null,
};

describe('stageDurations', () => {
  it('measures each passed stage in hours and leaves the others null', () => {
    const durations = stageDurations({
      ...none,
      createdAt: T0,
      deptApprovedAt: h(2),
      creativeApprovedAt: h(5),
      assignedAt: h(6),
      startedAt: h(8),
      completedAt: h(20),
    });
    expect(durations).toEqual({
      DEPARTMENT_APPROVAL: 2,
      CREATIVE_APPROVAL: 3,
      QUEUE: 3,
      WORK: 12,
      CONFIRMATION: null,
      cycle: 20,
      processing: 12,
    });
  });
});

describe('stampsAfterRollback', () => {
  const history = [
    { action: 'CREATED', toStatus: 'REQUESTED', createdAt: h(0) },
    { action: 'APPROVED', toStatus: 'PENDING_CREATIVE', createdAt: h(1) },
    { action: 'APPROVED', toStatus: 'APPROVED', createdAt: h(2) },
    { action: 'ASSIGNED', toStatus: 'APPROVED', createdAt: h(3) },
    { action: 'STARTED', toStatus: 'IN_PROGRESS', createdAt: h(4) },
    { action: 'COMPLETED', toStatus: 'COMPLETED', createdAt: h(5) },
    { action: 'COMPLETED', toStatus: 'COMPLETED', createdAt: h(7) },
  ] as const;
  const closed: StageStamps = { ...none, deptApprovedAt: h(1), creativeApprovedAt: h(2), assignedAt: h(3), startedAt: h(4), completedAt: h(7), closedAt: h(8) };

  it('clears the stages after the restored status', () => {
    expect(stampsAfterRollback({ status: 'APPROVED', assigneeId: 'designer' }, history.slice(0, 4), closed)).toEqual({
      ...none,
      deptApprovedAt: h(1),
      creativeApprovedAt: h(2),
      assignedAt: h(3),
    });
  });

  it('restores the completion of the entry returned to, not a later one', () => {
    expect(stampsAfterRollback({ status: 'COMPLETED', assigneeId: 'designer' }, history.slice(0, 6), closed)).toEqual({
      ...closed,
      completedAt: h(5),
      closedAt: null,
    });
  });

  it('clears the assignment when the restored state has no assignee', () => {
    expect(stampsAfterRollback({ status: 'APPROVED', assigneeId: null }, history.slice(0, 3), closed).assignedAt).toBeNull();
  });

  it('takes the stamps of a creation routed past the approval steps', () => {
    const routed = [{ action: 'CREATED', toStatus: 'APPROVED', createdAt: h(0) }] as const;
    expect(stampsAfterRollback({ status: 'APPROVED', assigneeId: null }, routed, none)).toEqual({ ...none, deptApprovedAt: h(0), creativeApprovedAt: h(0) });
  });
});
