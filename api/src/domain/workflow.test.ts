import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { TICKET_STATUSES, type TicketFacts, type TicketStatus } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';
import {
  approvalConflict,
  availableActions,
  creationRoute,
  decide,
  decideCreation,
  seesInTrash,
  TICKET_ACTIONS,
  type TicketAction,
  transition,
  viewerCanEdit,
} from './workflow.ts';

// The expectations below are written out by hand from the contract's "Who may do what" table, not derived
// from the workflow table, so a wrong row in the table fails here.

const MARKETING = 'dept-marketing';
const SALES = 'dept-sales';
const CREATIVE = 'dept-creative';

const viewer = (id: string, role: Viewer['role'], departmentId: string | null): Viewer => ({
  id,
  username: id,
  role,
  departmentId,
  inCreativeDepartment: departmentId === CREATIVE,
});

const PERSONAS = {
  ADM: viewer('admin', 'ADMIN', null),
  REQ: viewer('requester', 'MEMBER', MARKETING),
  DM: viewer('marketing-manager', 'MANAGER', MARKETING),
  ODM: viewer('sales-manager', 'MANAGER', SALES),
  CM: viewer('creative-manager', 'MANAGER', CREATIVE),
  ASG: viewer('assignee', 'MEMBER', CREATIVE),
  COL: viewer('collaborator', 'MEMBER', CREATIVE),
  CRM: viewer('other-designer', 'MEMBER', CREATIVE),
  OTH: viewer('seller', 'MEMBER', SALES),
} as const;
type Persona = keyof typeof PERSONAS;
const ALL_PERSONAS = Object.keys(PERSONAS) as Persona[];

/** A Marketing ticket requested by REQ; from APPROVED on it has ASG as assignee and COL as collaborator. */
function ticketIn(status: TicketStatus, deleted = false): TicketFacts {
  const assigned = !['REQUESTED', 'PENDING_CREATIVE'].includes(status);
  return {
    status,
    requesterId: PERSONAS.REQ.id,
    departmentId: MARKETING,
    assigneeId: assigned ? PERSONAS.ASG.id : null,
    collaboratorIds: assigned ? [PERSONAS.COL.id] : [],
    reachedCreative: status !== 'REQUESTED',
    deleted,
  };
}

const OPEN: TicketStatus[] = ['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED'];

/** Readers of ticketIn(status): requester, its department's manager, admins, plus Creative once involved. */
function readers(status: TicketStatus): Persona[] {
  const list: Persona[] = ['ADM', 'REQ', 'DM'];
  if (status !== 'REQUESTED') list.push('CM');
  if (!['REQUESTED', 'PENDING_CREATIVE'].includes(status)) list.push('ASG', 'COL');
  return list;
}

/** action → status → who may (statuses not listed: the action is not possible there). */
const EXPECTED: Record<TicketAction, Partial<Record<TicketStatus, Persona[]>>> = {
  APPROVE: { REQUESTED: ['DM', 'ADM'], PENDING_CREATIVE: ['CM', 'ADM'] },
  REJECT: { REQUESTED: ['DM', 'ADM'], PENDING_CREATIVE: ['CM', 'ADM'] },
  ASSIGN: { APPROVED: ['CM', 'ADM'], IN_PROGRESS: ['CM', 'ADM'] },
  ADD_COLLABORATOR: { APPROVED: ['CM', 'ADM'], IN_PROGRESS: ['CM', 'ADM'] },
  REMOVE_COLLABORATOR: { APPROVED: ['CM', 'ADM'], IN_PROGRESS: ['CM', 'ADM'] },
  START: { APPROVED: ['ASG', 'COL'] },
  COMPLETE: { IN_PROGRESS: ['ASG', 'COL'] },
  CONFIRM: { COMPLETED: ['REQ', 'ADM'] },
  REQUEST_REVISION: { COMPLETED: ['REQ', 'ASG', 'COL', 'DM', 'CM', 'ADM'] },
  EDIT: {
    REQUESTED: ['REQ', 'DM', 'ADM'],
    PENDING_CREATIVE: ['DM', 'CM', 'ADM'],
    APPROVED: ['DM', 'CM', 'ADM'],
    IN_PROGRESS: ['DM', 'CM', 'ADM'],
    COMPLETED: ['DM', 'CM', 'ADM'],
  },
  ROLLBACK: Object.fromEntries(TICKET_STATUSES.map((status) => [status, status === 'REQUESTED' ? ['DM', 'ADM'] : ['DM', 'CM', 'ADM']])),
  COMMENT: Object.fromEntries(TICKET_STATUSES.map((status) => [status, readers(status)])),
  ATTACH: Object.fromEntries(OPEN.map((status) => [status, readers(status)])),
  // Which attachment a reader may remove (their own; any for managers with authority and admins) is
  // domain/attachments.test.ts's subject.
  REMOVE_ATTACHMENT: Object.fromEntries(OPEN.map((status) => [status, readers(status)])),
  DELETE: Object.fromEntries(TICKET_STATUSES.map((status) => [status, status === 'REQUESTED' ? ['REQ', 'DM', 'ADM'] : ['DM', 'CM', 'ADM']])),
  RESTORE: {},
  // Purging is only for trashed tickets (see 'trashed tickets').
  PURGE: {},
};

function outcome(ticket: TicketFacts, action: TicketAction, persona: Persona): string {
  try {
    return `ok:${transition(ticket, action, PERSONAS[persona]).to}`;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const NEXT_STATUS: Partial<Record<TicketAction, Partial<Record<TicketStatus, TicketStatus | 'FROM_SNAPSHOT'>>>> = {
  APPROVE: { REQUESTED: 'PENDING_CREATIVE', PENDING_CREATIVE: 'APPROVED' },
  REJECT: { REQUESTED: 'REJECTED', PENDING_CREATIVE: 'REJECTED' },
  START: { APPROVED: 'IN_PROGRESS' },
  COMPLETE: { IN_PROGRESS: 'COMPLETED' },
  CONFIRM: { COMPLETED: 'CLOSED' },
  REQUEST_REVISION: { COMPLETED: 'IN_PROGRESS' },
  // A rollback returns to the status of the history entry it names.
  ROLLBACK: Object.fromEntries(TICKET_STATUSES.map((status) => [status, 'FROM_SNAPSHOT'])),
};

describe('workflow table: every (status, action, role)', () => {
  for (const action of TICKET_ACTIONS) {
    for (const status of TICKET_STATUSES) {
      const allowed = EXPECTED[action][status];
      for (const persona of ALL_PERSONAS) {
        const expected = allowed ? (allowed.includes(persona) ? `ok:${NEXT_STATUS[action]?.[status] ?? status}` : 'FORBIDDEN') : 'INVALID_TRANSITION';
        it(`${action} on ${status} by ${persona} → ${expected}`, () => {
          expect(outcome(ticketIn(status), action, persona)).toBe(expected);
        });
      }
    }
  }
});

describe('trashed tickets', () => {
  for (const status of TICKET_STATUSES) {
    const restorers: Persona[] = status === 'REQUESTED' ? ['DM', 'ADM'] : ['DM', 'CM', 'ADM'];
    for (const persona of ALL_PERSONAS) {
      it(`RESTORE of a trashed ${status} ticket by ${persona}`, () => {
        expect(outcome(ticketIn(status, true), 'RESTORE', persona)).toBe(restorers.includes(persona) ? `ok:${status}` : 'FORBIDDEN');
      });
    }
  }
  for (const status of TICKET_STATUSES) {
    for (const persona of ALL_PERSONAS) {
      it(`PURGE of a trashed ${status} ticket by ${persona}`, () => {
        expect(outcome(ticketIn(status, true), 'PURGE', persona)).toBe(persona === 'ADM' ? `ok:${status}` : 'FORBIDDEN');
      });
    }
  }
  it('allows nothing but RESTORE and PURGE in the trash', () => {
    for (const action of TICKET_ACTIONS.filter((entry) => entry !== 'RESTORE' && entry !== 'PURGE')) {
      expect(outcome(ticketIn('APPROVED', true), action, 'ADM')).toBe('INVALID_TRANSITION');
    }
  });
  it('shows a trashed ticket to whoever may restore it, and to its requester when they deleted it themselves', () => {
    const seers = (ticket: TicketFacts, deletedBy: Persona) => ALL_PERSONAS.filter((persona) => seesInTrash(PERSONAS[persona], ticket, PERSONAS[deletedBy].id));
    // The requester's own delete: they see it (to learn who can bring it back), but may not restore it.
    expect(seers(ticketIn('REQUESTED', true), 'REQ')).toEqual(['ADM', 'REQ', 'DM']);
    expect(outcome(ticketIn('REQUESTED', true), 'RESTORE', 'REQ')).toBe('FORBIDDEN');
    expect(availableActions(ticketIn('REQUESTED', true), PERSONAS.REQ)).toEqual([]);
    // Someone else's delete of their request: only those who may restore it.
    expect(seers(ticketIn('REQUESTED', true), 'DM')).toEqual(['ADM', 'DM']);
    expect(seers(ticketIn('IN_PROGRESS', true), 'DM')).toEqual(['ADM', 'DM', 'CM']);
    // Outside the trash it is no one's trash.
    expect(seers(ticketIn('REQUESTED'), 'REQ')).toEqual([]);
  });
  it('tells a non-admin that purging is for admins', () => {
    expect(decide(ticketIn('REQUESTED', true), 'PURGE', PERSONAS.DM)).toEqual({ ok: false, code: 'FORBIDDEN', message: 'Only admins can purge tickets.' });
  });
});

describe('preconditions', () => {
  it('START needs an assignee', () => {
    const ticket = { ...ticketIn('APPROVED'), assigneeId: null, collaboratorIds: [PERSONAS.COL.id] };
    expect(outcome(ticket, 'START', 'COL')).toBe('INVALID_TRANSITION');
  });
});

describe('availableActions', () => {
  it('is what transition() allows, for the requester of a REQUESTED ticket', () => {
    expect(availableActions(ticketIn('REQUESTED'), PERSONAS.REQ)).toEqual(['EDIT', 'COMMENT', 'ATTACH', 'REMOVE_ATTACHMENT', 'DELETE']);
  });
  it('gives the department manager the first approval step', () => {
    expect(availableActions(ticketIn('REQUESTED'), PERSONAS.DM)).toEqual([
      'EDIT',
      'APPROVE',
      'REJECT',
      'ROLLBACK',
      'COMMENT',
      'ATTACH',
      'REMOVE_ATTACHMENT',
      'DELETE',
    ]);
  });
  it('gives the assignee start on an approved ticket', () => {
    expect(availableActions(ticketIn('APPROVED'), PERSONAS.ASG)).toEqual(['START', 'COMMENT', 'ATTACH', 'REMOVE_ATTACHMENT']);
  });
  it('gives a stranger nothing', () => {
    expect(availableActions(ticketIn('IN_PROGRESS'), PERSONAS.OTH)).toEqual([]);
  });
});

describe('decide', () => {
  it('answers every (status, trash, action, persona) with a result and never throws', () => {
    for (const deleted of [false, true]) {
      for (const status of TICKET_STATUSES) {
        for (const action of TICKET_ACTIONS) {
          for (const persona of ALL_PERSONAS) {
            const decision = decide(ticketIn(status, deleted), action, PERSONAS[persona]);
            // transition() is only decide() thrown: the same answer, as a result or as an error.
            expect(decision.ok ? `ok:${decision.transition.to}` : decision.code).toBe(outcome(ticketIn(status, deleted), action, persona));
          }
        }
      }
    }
  });
  it('refuses with the code and the words the contract promises', () => {
    expect(decide(ticketIn('CLOSED'), 'APPROVE', PERSONAS.ADM)).toEqual({ ok: false, code: 'INVALID_TRANSITION', message: 'Cannot approve a CLOSED ticket.' });
    expect(decide(ticketIn('REQUESTED'), 'APPROVE', PERSONAS.REQ)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: "Only the ticket's department manager or an admin can approve this ticket now.",
    });
    expect(decide(ticketIn('APPROVED', true), 'START', PERSONAS.ASG)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: 'The ticket is in the trash; restore it to start it.',
    });
    expect(decide(ticketIn('APPROVED'), 'RESTORE', PERSONAS.ADM)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: 'A ticket cannot be restored outside the trash.',
    });
    expect(decide({ ...ticketIn('APPROVED'), assigneeId: null }, 'START', PERSONAS.COL)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: 'Assign the ticket before starting it.',
    });
    // The actions open to every reader say so in words that read right (it was 'Only anyone who can read the
    // ticket can attach this ticket now.').
    expect(decide(ticketIn('IN_PROGRESS'), 'ATTACH', PERSONAS.OTH)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Only someone who can read the ticket can attach files to it.',
    });
    expect(decide(ticketIn('IN_PROGRESS'), 'REMOVE_ATTACHMENT', PERSONAS.OTH)).toMatchObject({
      message: 'Only someone who can read the ticket can remove its files.',
    });
    expect(decide(ticketIn('IN_PROGRESS'), 'COMMENT', PERSONAS.OTH)).toMatchObject({ message: 'Only someone who can read the ticket can comment on it.' });
  });
  it('records its own history for removing a collaborator', () => {
    const decision = decide(ticketIn('IN_PROGRESS'), 'REMOVE_COLLABORATOR', PERSONAS.CM);
    expect(decision.ok && decision.transition.effects.history).toBe('COLLABORATOR_REMOVED');
  });
  it('availableActions and viewerCanEdit are exactly what decide allows', () => {
    for (const deleted of [false, true]) {
      for (const status of TICKET_STATUSES) {
        for (const persona of ALL_PERSONAS) {
          const ticket = ticketIn(status, deleted);
          const viewer = PERSONAS[persona];
          expect(availableActions(ticket, viewer)).toEqual(TICKET_ACTIONS.filter((action) => decide(ticket, action, viewer).ok));
          expect(viewerCanEdit(ticket, viewer)).toBe(decide(ticket, 'EDIT', viewer).ok);
        }
      }
    }
  });
  it('lets only the Creative manager and admins remove collaborators, and only admins purge', () => {
    expect(availableActions(ticketIn('APPROVED'), PERSONAS.CM)).toContain('REMOVE_COLLABORATOR');
    expect(availableActions(ticketIn('APPROVED'), PERSONAS.ASG)).not.toContain('REMOVE_COLLABORATOR');
    expect(availableActions(ticketIn('REQUESTED', true), PERSONAS.ADM)).toEqual(['RESTORE', 'PURGE']);
    expect(availableActions(ticketIn('REQUESTED', true), PERSONAS.DM)).toEqual(['RESTORE']);
  });
  it('viewerCanEdit: the requester until approval, then managers with authority and admins', () => {
    expect(viewerCanEdit(ticketIn('REQUESTED'), PERSONAS.REQ)).toBe(true);
    expect(viewerCanEdit(ticketIn('PENDING_CREATIVE'), PERSONAS.REQ)).toBe(false);
    expect(viewerCanEdit(ticketIn('IN_PROGRESS'), PERSONAS.CM)).toBe(true);
    expect(viewerCanEdit(ticketIn('IN_PROGRESS'), PERSONAS.ASG)).toBe(false);
    expect(viewerCanEdit(ticketIn('CLOSED'), PERSONAS.ADM)).toBe(false);
    expect(viewerCanEdit(ticketIn('REQUESTED', true), PERSONAS.ADM)).toBe(false);
  });
});

describe('creation routing', () => {
  it('decideCreation starts where the route says, recording CREATED with the route stamps', () => {
    expect(decideCreation(PERSONAS.CM)).toEqual({
      action: 'CREATE',
      from: null,
      to: 'APPROVED',
      effects: { history: 'CREATED', event: 'CREATED', stamps: ['reachedCreativeAt', 'deptApprovedAt', 'creativeApprovedAt'], write: 'INSERT' },
    });
    expect(decideCreation(PERSONAS.ASG).to).toBe('PENDING_CREATIVE');
    expect(decideCreation(PERSONAS.REQ)).toMatchObject({ to: 'REQUESTED', effects: { stamps: [] } });
  });

  it('a Creative manager starts APPROVED, a Creative member PENDING_CREATIVE, others REQUESTED', () => {
    expect(creationRoute(PERSONAS.CM).status).toBe('APPROVED');
    expect(creationRoute(PERSONAS.ASG).status).toBe('PENDING_CREATIVE');
    expect(creationRoute(PERSONAS.REQ).status).toBe('REQUESTED');
    expect(creationRoute(PERSONAS.DM).status).toBe('REQUESTED');
    expect(creationRoute(PERSONAS.ADM).status).toBe('REQUESTED');
  });
});

describe('approvalConflict: one approval request approves one step', () => {
  const pending = (departmentApprovedById: string | null) => ({ ...ticketIn('PENDING_CREATIVE'), departmentApprovedById });
  it('a named step must be the one the ticket waits for', () => {
    expect(approvalConflict({ ...ticketIn('REQUESTED'), departmentApprovedById: null }, PERSONAS.ADM, { step: 'DEPARTMENT' })).toBeNull();
    expect(approvalConflict(pending(PERSONAS.ADM.id), PERSONAS.ADM, { step: 'CREATIVE' })).toBeNull();
    expect(approvalConflict(pending(PERSONAS.DM.id), PERSONAS.ADM, { step: 'DEPARTMENT' })).toMatch(
      /PENDING_CREATIVE, not waiting for the department approval/,
    );
  });
  it('without step or version, whoever approved the department step and may approve the next one must name it', () => {
    expect(approvalConflict(pending(PERSONAS.ADM.id), PERSONAS.ADM, {})).toMatch(/send step: CREATIVE/);
    expect(approvalConflict(pending(PERSONAS.ADM.id), PERSONAS.ADM, { expectedVersion: 2 })).toBeNull();
    expect(approvalConflict(pending(PERSONAS.DM.id), PERSONAS.ADM, {})).toBeNull();
    // The department manager cannot approve the Creative step anyway: decide() answers FORBIDDEN.
    expect(approvalConflict(pending(PERSONAS.DM.id), PERSONAS.DM, {})).toBeNull();
  });
});
