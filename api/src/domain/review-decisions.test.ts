import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  canRecordDecision,
  checkNote,
  checkVerdict,
  isLatestVersion,
  isReviewer,
  MAX_NOTE_LENGTH,
  OPEN_IN_REASON,
  revisionReason,
  workflowActionOf,
} from './review-decisions.ts';
import type { TicketFacts } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';

const viewer = (id: string, role: Viewer['role'] = 'MEMBER', departmentId: string | null = 'marketing', inCreativeDepartment = false): Viewer => ({
  id,
  username: id,
  role,
  departmentId,
  inCreativeDepartment,
});

const TICKET: TicketFacts = {
  status: 'COMPLETED',
  requesterId: 'requester',
  departmentId: 'marketing',
  assigneeId: 'designer',
  collaboratorIds: ['helper'],
  reachedCreative: true,
  deleted: false,
};

const badInput = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError && error.code === 'BAD_USER_INPUT';
  }
  return false;
};

describe('isReviewer', () => {
  it('is the requester, a collaborator, a manager with authority or an admin', () => {
    expect(isReviewer(viewer('requester'), TICKET)).toBe(true);
    expect(isReviewer(viewer('helper', 'MEMBER', 'creative', true), TICKET)).toBe(true);
    expect(isReviewer(viewer('boss', 'MANAGER'), TICKET)).toBe(true);
    expect(isReviewer(viewer('creative-boss', 'MANAGER', 'creative', true), TICKET)).toBe(true);
    expect(isReviewer(viewer('root', 'ADMIN', null), TICKET)).toBe(true);
  });

  it('is not the assignee (who made the work), nor a manager without authority, nor an outsider', () => {
    expect(isReviewer(viewer('designer', 'MEMBER', 'creative', true), TICKET)).toBe(false);
    expect(isReviewer(viewer('sales-boss', 'MANAGER', 'sales'), TICKET)).toBe(false);
    expect(isReviewer(viewer('someone'), TICKET)).toBe(false);
  });
});

describe('checkNote and checkVerdict', () => {
  it('trims the note, empty is none, and at most MAX_NOTE_LENGTH characters', () => {
    expect(checkNote('  fine  ')).toBe('fine');
    expect(checkNote('   ')).toBeNull();
    expect(checkNote(null)).toBeNull();
    expect(checkNote('x'.repeat(MAX_NOTE_LENGTH))).toHaveLength(MAX_NOTE_LENGTH);
    expect(badInput(() => checkNote('x'.repeat(MAX_NOTE_LENGTH + 1)))).toBe(true);
  });

  it('CHANGES_REQUESTED needs an open annotation or a note; APPROVED needs neither', () => {
    expect(badInput(() => checkVerdict('CHANGES_REQUESTED', null, 0))).toBe(true);
    expect(badInput(() => checkVerdict('CHANGES_REQUESTED', 'Brighter', 0))).toBe(false);
    expect(badInput(() => checkVerdict('CHANGES_REQUESTED', null, 1))).toBe(false);
    expect(badInput(() => checkVerdict('APPROVED', null, 0))).toBe(false);
  });
});

describe('workflowActionOf', () => {
  it("the requester's decision on a COMPLETED ticket is the revision request or the confirmation", () => {
    expect(workflowActionOf('CHANGES_REQUESTED', viewer('requester'), TICKET)).toBe('REQUEST_REVISION');
    expect(workflowActionOf('APPROVED', viewer('requester'), TICKET)).toBe('CONFIRM');
  });

  it("anyone else's decision, and the requester's in another state, is no workflow step", () => {
    expect(workflowActionOf('APPROVED', viewer('boss', 'MANAGER'), TICKET)).toBeNull();
    expect(workflowActionOf('APPROVED', viewer('root', 'ADMIN', null), TICKET)).toBeNull();
    expect(workflowActionOf('CHANGES_REQUESTED', viewer('helper'), TICKET)).toBeNull();
    for (const status of ['IN_PROGRESS', 'CLOSED', 'APPROVED'] as const) {
      expect(workflowActionOf('APPROVED', viewer('requester'), { ...TICKET, status })).toBeNull();
    }
  });
});

describe('revisionReason', () => {
  const file = { fileName: 'poster.png', version: 2 };

  it('lists the open annotations after the note, with their pages', () => {
    expect(
      revisionReason(file, 'Nearly there', [
        { number: 1, page: null, body: 'logo 20 px left' },
        { number: 3, page: 3, body: 'wrong  price\nhere' },
      ]),
    ).toBe('Nearly there\nOpen on poster.png v2: #1 logo 20 px left; #3 wrong price here (page 3)');
    expect(revisionReason({ fileName: 'a.png', version: 1 }, null, [{ number: 2, page: null, body: 'darker' }])).toBe('Open on a.png: #2 darker');
  });

  it('is the note alone without open annotations', () => {
    expect(revisionReason(file, 'Brighter', [])).toBe('Brighter');
  });

  it('cuts long bodies and stays within the reason limit, counting what did not fit', () => {
    const many = Array.from({ length: 100 }, (_, index) => ({ number: index + 1, page: null, body: 'x'.repeat(500) }));
    const reason = revisionReason(file, null, many);
    expect(reason.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    expect(reason).toMatch(/; and \d+ more$/);
    expect(reason).toContain(`#1 ${'x'.repeat(119)}…`);
    expect(revisionReason(file, 'n'.repeat(MAX_NOTE_LENGTH), many).length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
  });

  it('counts the open annotations not read (past the first OPEN_IN_REASON) with those that did not fit', () => {
    const listed = Array.from({ length: OPEN_IN_REASON }, (_, index) => ({ number: index + 1, page: null, body: 'ok' }));
    const reason = revisionReason(file, null, listed, 12);
    expect(reason).toMatch(/^Open on poster\.png v2: #1 ok; #2 ok; .*#50 ok; and 12 more$/);
    const long = Array.from({ length: OPEN_IN_REASON }, (_, index) => ({ number: index + 1, page: null, body: 'x'.repeat(500) }));
    const cut = /; and (\d+) more$/.exec(revisionReason(file, null, long, 12));
    // What did not fit of the 50 read, plus the 12 not read.
    expect(Number(cut?.[1])).toBeGreaterThan(12);
    expect(revisionReason(file, 'Redo', [], 3)).toBe('Redo\n3 open annotations');
  });
});

describe('canRecordDecision', () => {
  it("is a reviewer's, on a ticket they may read, on the latest version only", () => {
    expect(canRecordDecision(viewer('requester'), TICKET, { version: 2 }, 2)).toBe(true);
    expect(canRecordDecision(viewer('requester'), TICKET, { version: 1 }, 2)).toBe(false);
    expect(isLatestVersion({ version: 3 }, null)).toBe(true);
    expect(canRecordDecision(viewer('designer', 'MEMBER', 'creative', true), TICKET, { version: 2 }, 2)).toBe(false);
    expect(canRecordDecision(viewer('someone', 'MEMBER', 'sales'), TICKET, { version: 2 }, 2)).toBe(false);
    expect(canRecordDecision(viewer('root', 'ADMIN', null), { ...TICKET, deleted: true }, { version: 2 }, 2)).toBe(false);
  });
});
