import { describe, expect, it } from 'vitest';
import { MAX_REPLIES_PER_COMMENT } from '../domain/comments.ts';
import { DEFAULT_SLA } from '../domain/creative-request.ts';
import { DomainError } from '../domain/errors.ts';
import type { StampEntry } from '../domain/stage-times.ts';
import { snapshotOf, type TicketSnapshot } from '../domain/ticket-snapshot.ts';
import type { Viewer } from '../domain/viewer.ts';
import { type TicketAction, transition } from '../domain/workflow.ts';
import { ASSIGN, COMMENT, EDIT, REMOVE_COLLABORATOR, ROLLBACK } from './ticket-actions.ts';
import type { ActionSpec, TicketTarget } from './ticket-pipeline.ts';
import { factsOf, snapshotOfRow, type TicketRow } from './ticket-rows.ts';

// The plans are pure: these tests give them a row, an input and the facts, and read what they would write.

const NOW = new Date('2026-03-02T10:00:00Z');
const MANAGER: Viewer = { id: 'creative-manager', username: 'creative.manager', role: 'MANAGER', departmentId: 'creative', inCreativeDepartment: true };

function row(overrides: Partial<TicketRow> = {}): TicketRow {
  return {
    id: 'ticket-1',
    number: 7,
    title: 'Banner',
    description: '',
    status: 'IN_PROGRESS',
    priority: 'HIGH',
    dueDate: null,
    version: 4,
    requesterId: 'requester',
    departmentId: 'marketing',
    assigneeId: 'designer',
    requestType: 'WEBSITE_BANNER',
    fileFormat: null,
    criteria: null,
    quantity: 1,
    complexity: null,
    estimatedHours: null,
    actualHours: null,
    scheduledStart: null,
    scheduledEnd: null,
    revisionCount: 0,
    reachedCreativeAt: NOW,
    deptApprovedAt: NOW,
    deptApprovedById: null,
    creativeApprovedAt: NOW,
    creativeApprovedById: null,
    assignedAt: NOW,
    startedAt: NOW,
    completedAt: null,
    closedAt: null,
    rejectedAt: null,
    rejectionReason: null,
    reminderSentAt: null,
    overdueNotifiedAt: null,
    deletedAt: null,
    deletedById: null,
    createdAt: NOW,
    updatedAt: NOW,
    collaboratorIds: ['helper'],
    collaborators: [{ userId: 'helper' }],
    ...overrides,
  };
}

function planOf<I extends TicketTarget, F>(spec: ActionSpec<I, F>, before: TicketRow, input: Omit<I, 'id'>, facts: F, viewer = MANAGER) {
  const decided = transition(factsOf(before), spec.action as TicketAction, viewer);
  return spec.plan({ viewer, before, input: { id: before.id, ...input } as I, transition: decided, facts, now: NOW });
}

function refusal(run: () => unknown): string {
  try {
    run();
    return 'no refusal';
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('ASSIGN plan', () => {
  const active = { id: 'designer2', isActive: true, approvedAt: NOW };

  it('sets the assignee, gives an undated ticket its SLA deadline, and drops the assignee from the collaborators', () => {
    const plan = planOf(
      ASSIGN,
      row({ status: 'APPROVED', assigneeId: null }),
      { assigneeId: 'designer2' },
      { assignee: active, slaRules: [...DEFAULT_SLA], collaborators: [] },
    );
    expect(plan.fields).toEqual({ assigneeId: 'designer2', dueDate: new Date('2026-03-03T10:00:00Z') });
    expect(plan.writes).toEqual([{ kind: 'removeCollaborator', userId: 'designer2' }]);
    expect(plan.announcements?.(row({ number: 7, dueDate: null }))).toEqual([
      { kind: 'TICKET_ASSIGNED', recipientIds: ['designer2'], title: '#7 was assigned to you', body: '' },
    ]);
  });

  it('keeps a due date the ticket already has', () => {
    const dueDate = new Date('2026-04-01T00:00:00Z');
    const plan = planOf(ASSIGN, row({ dueDate }), { assigneeId: 'designer2' }, { assignee: active, slaRules: [...DEFAULT_SLA], collaborators: [] });
    expect(plan.fields).toEqual({ assigneeId: 'designer2' });
  });

  it('refuses unknown, inactive and unchanged assignees', () => {
    const before = row();
    const facts = (assignee: typeof active | null) => ({ assignee, slaRules: [], collaborators: [] });
    expect(refusal(() => planOf(ASSIGN, before, { assigneeId: 'x' }, facts(null)))).toBe('NOT_FOUND: User not found.');
    expect(refusal(() => planOf(ASSIGN, before, { assigneeId: 'x' }, facts({ ...active, isActive: false })))).toBe(
      'BAD_USER_INPUT: The assignee must be an active user.',
    );
    expect(refusal(() => planOf(ASSIGN, before, { assigneeId: 'designer' }, facts({ ...active, id: 'designer' })))).toBe(
      'BAD_USER_INPUT: The ticket is already assigned to that user.',
    );
  });
});

describe('REMOVE_COLLABORATOR plan', () => {
  it('removes the collaborator row and nothing else', () => {
    const plan = planOf(REMOVE_COLLABORATOR, row(), { userId: 'helper' }, undefined);
    expect(plan.writes).toEqual([{ kind: 'removeCollaborator', userId: 'helper' }]);
    expect(plan.fields).toBeUndefined();
    expect(plan.announcements).toBeUndefined();
  });
  it('refuses someone who does not collaborate', () => {
    expect(refusal(() => planOf(REMOVE_COLLABORATOR, row(), { userId: 'stranger' }, undefined))).toBe(
      'BAD_USER_INPUT: That user does not collaborate on the ticket.',
    );
  });
});

describe('ROLLBACK plan', () => {
  const snapshot = (overrides: Partial<TicketRow>): TicketSnapshot => snapshotOfRow(row(overrides));

  it('returns to the status, assignee and collaborators of the entry (the table says FROM_SNAPSHOT)', () => {
    const before = row({ status: 'COMPLETED', assigneeId: 'designer', collaborators: [{ userId: 'helper' }], revisionCount: 1 });
    const entry = {
      ticketId: before.id,
      createdAt: at(4),
      snapshot: snapshot({ status: 'APPROVED', assigneeId: 'designer2', collaborators: [{ userId: 'designer2' }, { userId: 'other' }] }),
    };
    // The entries up to the target: the stamps come back as they were right after it.
    const stampEntries: StampEntry[] = [
      { action: 'CREATED', toStatus: 'REQUESTED', createdAt: at(0) },
      { action: 'APPROVED', toStatus: 'PENDING_CREATIVE', createdAt: at(1) },
      { action: 'APPROVED', toStatus: 'APPROVED', createdAt: at(2) },
      { action: 'ASSIGNED', toStatus: 'APPROVED', createdAt: at(3) },
      { action: 'ASSIGNED', toStatus: 'APPROVED', createdAt: at(4) },
    ];
    const plan = planOf(ROLLBACK, before, { reason: 'wrong person', historyEntryId: 'h1' }, { entry, stampEntries });
    expect(plan.to).toBe('APPROVED');
    expect(plan.fields).toEqual({
      assigneeId: 'designer2',
      // The revision requested after the entry is undone with it.
      revisionCount: 0,
      deptApprovedAt: at(1),
      creativeApprovedAt: at(2),
      assignedAt: at(4),
      startedAt: null,
      completedAt: null,
      closedAt: null,
      rejectedAt: null,
    });
    // The restored assignee is not also a collaborator.
    expect(plan.writes).toEqual([{ kind: 'replaceCollaborators', userIds: ['other'] }]);
    expect(plan.reason).toBe('wrong person');
  });

  it('keeps a collaborator of the entry who is the assignee now, when the entry had no assignee', () => {
    const before = row({ status: 'APPROVED', assigneeId: 'designer', collaborators: [] });
    const entry = {
      ticketId: before.id,
      createdAt: at(2),
      snapshot: snapshot({ status: 'APPROVED', assigneeId: null, collaborators: [{ userId: 'designer' }] }),
    };
    const plan = planOf(ROLLBACK, before, { reason: 'not yet', historyEntryId: 'h1' }, { entry, stampEntries: [] });
    expect(plan.fields).toMatchObject({ assigneeId: null });
    expect(plan.writes).toEqual([{ kind: 'replaceCollaborators', userIds: ['designer'] }]);
  });

  it('turns snapshot dates back into dates and restores the deadline and revision count too', () => {
    const before = row({ scheduledStart: null, dueDate: new Date('2026-05-01T00:00:00Z'), revisionCount: 2 });
    const entry = {
      ticketId: before.id,
      createdAt: NOW,
      snapshot: snapshotOf({
        ...snapshotSource(row({ scheduledStart: new Date('2026-04-01T09:00:00Z'), dueDate: null, revisionCount: 0 })),
      }),
    };
    // No stamping entry in reach (a history written before the stamps): the stamps of the status stay.
    const plan = planOf(ROLLBACK, before, { reason: 'r', historyEntryId: 'h1' }, { entry, stampEntries: [] });
    expect(plan.fields).toEqual({ scheduledStart: new Date('2026-04-01T09:00:00Z'), dueDate: null, revisionCount: 0, ...stampsOf(before) });
    expect(plan.to).toBe('IN_PROGRESS');
    expect(plan.writes).toEqual([]);
  });

  it('refuses an entry of another ticket, or one the ticket already matches', () => {
    const before = row();
    expect(refusal(() => planOf(ROLLBACK, before, { reason: 'r', historyEntryId: 'h1' }, { entry: null, stampEntries: [] }))).toBe(
      'NOT_FOUND: History entry not found.',
    );
    expect(
      refusal(() =>
        planOf(
          ROLLBACK,
          before,
          { reason: 'r', historyEntryId: 'h1' },
          { entry: { ticketId: 'other', createdAt: NOW, snapshot: snapshot({}) }, stampEntries: [] },
        ),
      ),
    ).toBe('NOT_FOUND: History entry not found.');
    expect(
      refusal(() =>
        planOf(
          ROLLBACK,
          before,
          { reason: 'r', historyEntryId: 'h1' },
          { entry: { ticketId: before.id, createdAt: NOW, snapshot: snapshot({}) }, stampEntries: [] },
        ),
      ),
    ).toBe('BAD_USER_INPUT: The ticket is already as it was after that entry.');
  });
});

const at = (hours: number) => new Date(NOW.getTime() - (10 - hours) * 3_600_000);

function stampsOf(ticket: TicketRow) {
  const { deptApprovedAt, creativeApprovedAt, assignedAt, startedAt, completedAt, closedAt, rejectedAt } = ticket;
  return { deptApprovedAt, creativeApprovedAt, assignedAt, startedAt, completedAt, closedAt, rejectedAt };
}

function snapshotSource(ticket: TicketRow) {
  return { ...ticket, collaboratorIds: ticket.collaborators.map((collaborator) => collaborator.userId) };
}

describe('EDIT plan', () => {
  const facts = { currentItems: [], products: new Map() };
  it('rewrites product items only when given or when the type changes', () => {
    expect(planOf(EDIT, row(), { title: 'Banner v2' }, facts).writes).toEqual([]);
    expect(planOf(EDIT, row(), { title: 'Banner v2' }, facts).fields).toMatchObject({ title: 'Banner v2', requestType: 'WEBSITE_BANNER' });
    expect(
      planOf(
        EDIT,
        row(),
        { requestType: 'PHOTOSHOOT', scheduledStart: new Date('2026-04-01T09:00:00Z'), scheduledEnd: new Date('2026-04-01T12:00:00Z') },
        facts,
      ).writes,
    ).toEqual([{ kind: 'replaceProductItems', items: [] }]);
  });
});

describe('COMMENT plan', () => {
  const mentioned = (id: string, departmentId: string | null, role: Viewer['role'] = 'MEMBER') => ({
    id,
    username: id,
    role,
    departmentId,
    department: { isCreative: departmentId === 'creative' },
  });

  it('notifies mentioned readers once (MENTIONED) and the others involved (COMMENT_ADDED, with the group message)', () => {
    const before = row();
    const facts = { parent: null, mentioned: [mentioned('helper', 'creative'), mentioned('seller', 'sales')] };
    const plan = planOf(COMMENT, before, { body: 'ping @helper @seller' }, facts);
    // Every mention is stored; only readers are told.
    expect(plan.writes).toEqual([
      { kind: 'comment', authorId: MANAGER.id, parentId: null, body: 'ping @helper @seller', mentionUserIds: ['helper', 'seller'] },
    ]);
    expect(plan.announcements?.(before)).toEqual([
      {
        kind: 'MENTIONED',
        recipientIds: ['helper'],
        title: 'You were mentioned on #7',
        body: 'ping @helper @seller',
        mentionUserIds: ['helper'],
        groupMessage: false,
      },
      {
        kind: 'COMMENT_ADDED',
        recipientIds: ['requester', 'designer'],
        title: 'New comment on #7',
        body: 'ping @helper @seller',
        mentionUserIds: ['helper'],
        groupMessage: true,
      },
    ]);
  });

  it('sends no MENTIONED notice without a readable mention, and refuses a parent from another ticket', () => {
    const before = row();
    expect(
      planOf(COMMENT, before, { body: 'hello' }, { parent: null, mentioned: [] })
        .announcements?.(before)
        .map((entry) => entry.kind),
    ).toEqual(['COMMENT_ADDED']);
    const parent = { id: 'c1', ticketId: before.id, parentId: null, replies: 0 };
    expect(refusal(() => planOf(COMMENT, before, { body: 'hi', parentId: 'c1' }, { parent: { ...parent, ticketId: 'other' }, mentioned: [] }))).toBe(
      'BAD_USER_INPUT: parentId is not a comment of this ticket.',
    );
    const full = { parent: { ...parent, replies: MAX_REPLIES_PER_COMMENT }, mentioned: [] };
    expect(refusal(() => planOf(COMMENT, before, { body: 'hi', parentId: 'c1' }, full))).toMatch(/^BAD_USER_INPUT: This comment has \d+ replies/);
    const reply = { parent: { ...parent, parentId: 'c0' }, mentioned: [] };
    expect(refusal(() => planOf(COMMENT, before, { body: 'hi', parentId: 'c1' }, reply))).toBe(
      'BAD_USER_INPUT: Reply to the comment itself: replies do not nest.',
    );
  });
});
