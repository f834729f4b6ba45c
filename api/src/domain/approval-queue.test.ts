// Who has tickets waiting for their decision, written out by hand from the contract's "Who may do what"
// (approve or reject at REQUESTED: the ticket's department manager or an admin; at PENDING_CREATIVE: a Creative
// manager or an admin), not derived from the workflow table, so a wrong derivation fails here.
import { describe, expect, it } from 'vitest';
import { approvalScopes } from './approval-queue.ts';
import type { TicketFacts } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';
import { decide } from './workflow.ts';

const MARKETING = 'dept-marketing';
const CREATIVE = 'dept-creative';

const viewer = (id: string, role: Viewer['role'], departmentId: string | null): Viewer => ({
  id,
  username: id,
  role,
  departmentId,
  inCreativeDepartment: departmentId === CREATIVE,
});

const admin = viewer('admin', 'ADMIN', null);
const marketingManager = viewer('mm', 'MANAGER', MARKETING);
const creativeManager = viewer('cm', 'MANAGER', CREATIVE);
const marketer = viewer('marketer', 'MEMBER', MARKETING);
const designer = viewer('designer', 'MEMBER', CREATIVE);
const managerWithoutDepartment = viewer('floating', 'MANAGER', null);

describe('approvalScopes', () => {
  it('a department manager decides the requests of their department', () => {
    expect(approvalScopes(marketingManager)).toEqual([{ status: 'REQUESTED', departmentId: MARKETING }]);
  });

  it('a Creative manager decides every ticket waiting for Creative, and the requests of the Creative department', () => {
    expect(approvalScopes(creativeManager)).toEqual([
      { status: 'REQUESTED', departmentId: CREATIVE },
      { status: 'PENDING_CREATIVE', departmentId: null },
    ]);
  });

  it('an admin decides both steps of every department', () => {
    expect(approvalScopes(admin)).toEqual([
      { status: 'REQUESTED', departmentId: null },
      { status: 'PENDING_CREATIVE', departmentId: null },
    ]);
  });

  it('members, and a manager of no department, decide nothing', () => {
    expect(approvalScopes(marketer)).toEqual([]);
    expect(approvalScopes(designer)).toEqual([]);
    expect(approvalScopes(managerWithoutDepartment)).toEqual([]);
  });

  it('whoever a ticket waits for may also reject it there (the same people decide both ways)', () => {
    for (const person of [admin, marketingManager, creativeManager]) {
      for (const scope of approvalScopes(person)) {
        const ticket: TicketFacts = {
          status: scope.status,
          requesterId: 'someone',
          departmentId: scope.departmentId ?? 'dept-sales',
          assigneeId: null,
          collaboratorIds: [],
          reachedCreative: scope.status === 'PENDING_CREATIVE',
          deleted: false,
        };
        expect(decide(ticket, 'REJECT', person).ok, `${person.id} rejects at ${scope.status}`).toBe(true);
      }
    }
  });
});
