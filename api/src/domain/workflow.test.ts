import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { TICKET_STATUSES, type TicketFacts, type TicketStatus } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';
import { availableActions, creationRoute, TICKET_ACTIONS, transition, type TicketAction } from './workflow.ts';

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
  ROLLBACK: Object.fromEntries(
    TICKET_STATUSES.map((status) => [status, status === 'REQUESTED' ? ['DM', 'ADM'] : ['DM', 'CM', 'ADM']]),
  ),
  COMMENT: Object.fromEntries(TICKET_STATUSES.map((status) => [status, readers(status)])),
  ATTACH: Object.fromEntries(OPEN.map((status) => [status, readers(status)])),
  DELETE: Object.fromEntries(
    TICKET_STATUSES.map((status) => [status, status === 'REQUESTED' ? ['REQ', 'DM', 'ADM'] : ['DM', 'CM', 'ADM']]),
  ),
  RESTORE: {},
};

function outcome(ticket: TicketFacts, action: TicketAction, persona: Persona): string {
  try {
    return `ok:${transition(ticket, action, PERSONAS[persona]).to}`;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const NEXT_STATUS: Partial<Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>>> = {
  APPROVE: { REQUESTED: 'PENDING_CREATIVE', PENDING_CREATIVE: 'APPROVED' },
  REJECT: { REQUESTED: 'REJECTED', PENDING_CREATIVE: 'REJECTED' },
  START: { APPROVED: 'IN_PROGRESS' },
  COMPLETE: { IN_PROGRESS: 'COMPLETED' },
  CONFIRM: { COMPLETED: 'CLOSED' },
  REQUEST_REVISION: { COMPLETED: 'IN_PROGRESS' },
};

describe('workflow table: every (status, action, role)', () => {
  for (const action of TICKET_ACTIONS) {
    for (const status of TICKET_STATUSES) {
      const allowed = EXPECTED[action][status];
      for (const persona of ALL_PERSONAS) {
        const expected = allowed
          ? allowed.includes(persona)
            ? `ok:${NEXT_STATUS[action]?.[status] ?? status}`
            : 'FORBIDDEN'
          : 'INVALID_TRANSITION';
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
  it('allows nothing but RESTORE in the trash', () => {
    for (const action of TICKET_ACTIONS.filter((entry) => entry !== 'RESTORE')) {
      expect(outcome(ticketIn('APPROVED', true), action, 'ADM')).toBe('INVALID_TRANSITION');
    }
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
    expect(availableActions(ticketIn('REQUESTED'), PERSONAS.REQ)).toEqual(['EDIT', 'COMMENT', 'ATTACH', 'DELETE']);
  });
  it('gives the department manager the first approval step', () => {
    expect(availableActions(ticketIn('REQUESTED'), PERSONAS.DM)).toEqual(['EDIT', 'APPROVE', 'REJECT', 'ROLLBACK', 'COMMENT', 'ATTACH', 'DELETE']);
  });
  it('gives the assignee start on an approved ticket', () => {
    expect(availableActions(ticketIn('APPROVED'), PERSONAS.ASG)).toEqual(['START', 'COMMENT', 'ATTACH']);
  });
  it('gives a stranger nothing', () => {
    expect(availableActions(ticketIn('IN_PROGRESS'), PERSONAS.OTH)).toEqual([]);
  });
});

describe('creation routing', () => {
  it('a Creative manager starts APPROVED, a Creative member PENDING_CREATIVE, others REQUESTED', () => {
    expect(creationRoute(PERSONAS.CM).status).toBe('APPROVED');
    expect(creationRoute(PERSONAS.ASG).status).toBe('PENDING_CREATIVE');
    expect(creationRoute(PERSONAS.REQ).status).toBe('REQUESTED');
    expect(creationRoute(PERSONAS.DM).status).toBe('REQUESTED');
    expect(creationRoute(PERSONAS.ADM).status).toBe('REQUESTED');
  });
});
