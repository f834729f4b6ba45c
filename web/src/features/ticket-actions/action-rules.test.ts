import { describe, expect, it } from 'vitest';
import { actionVariables, EMPTY_INPUT, isRunnableAction, needsDialog, validateActionInput } from './action-rules';

const target = { id: 'VGlja2V0OjE=', version: 7 };

describe('validateActionInput', () => {
  it('refuses a reject or a revision request without a reason, even one of blanks', () => {
    expect(validateActionInput('REJECT', EMPTY_INPUT).reason).toBeDefined();
    expect(validateActionInput('REJECT', { ...EMPTY_INPUT, reason: '   ' }).reason).toBeDefined();
    // Each asks with its reader in mind: the requester reads a rejection, the makers a revision request.
    expect(validateActionInput('REJECT', EMPTY_INPUT).reason).toBe('Say why, so the requester knows what to change.');
    expect(validateActionInput('REQUEST_REVISION', EMPTY_INPUT).reason).toBe('Say what to change, so the people doing the work know what to redo.');
    expect(validateActionInput('REJECT', { ...EMPTY_INPUT, reason: 'Off brand' })).toEqual({});
  });

  it('needs a person to assign or add, and nothing for approve, start or delete', () => {
    expect(validateActionInput('ASSIGN', EMPTY_INPUT).personId).toBeDefined();
    expect(validateActionInput('ADD_COLLABORATOR', EMPTY_INPUT).personId).toBeDefined();
    expect(validateActionInput('ASSIGN', { ...EMPTY_INPUT, personId: 'u1' })).toEqual({});
    expect(validateActionInput('APPROVE', EMPTY_INPUT)).toEqual({});
    expect(validateActionInput('START', EMPTY_INPUT)).toEqual({});
    expect(validateActionInput('DELETE', EMPTY_INPUT)).toEqual({});
  });

  it('takes actual hours as optional, but only a positive number when given', () => {
    expect(validateActionInput('COMPLETE', EMPTY_INPUT)).toEqual({});
    expect(validateActionInput('COMPLETE', { ...EMPTY_INPUT, actualHours: '2.5' })).toEqual({});
    for (const bad of ['abc', '0', '-1', '1e9']) {
      expect(validateActionInput('COMPLETE', { ...EMPTY_INPUT, actualHours: bad }).actualHours).toBeDefined();
    }
  });
});

describe('actionVariables', () => {
  it('names the approval step the viewer saw, so a repeated approval never approves the next step', () => {
    expect(actionVariables('APPROVE', { ...target, status: 'REQUESTED' }, EMPTY_INPUT)).toMatchObject({ step: 'DEPARTMENT' });
    expect(actionVariables('APPROVE', { ...target, status: 'PENDING_CREATIVE' }, EMPTY_INPUT)).toMatchObject({ step: 'CREATIVE' });
  });

  it('always sends the version the viewer saw', () => {
    expect(actionVariables('START', target, EMPTY_INPUT)).toEqual({ id: target.id, expectedVersion: 7 });
  });

  it('trims reasons, drops empty optional text and turns hours into a number', () => {
    expect(actionVariables('REJECT', target, { ...EMPTY_INPUT, reason: '  late  ' })).toMatchObject({ reason: 'late' });
    expect(actionVariables('APPROVE', target, EMPTY_INPUT)).toEqual({ id: target.id, expectedVersion: 7, note: undefined, step: undefined });
    expect(actionVariables('COMPLETE', target, { ...EMPTY_INPUT, actualHours: '3.25' })).toMatchObject({ actualHours: 3.25 });
    expect(actionVariables('COMPLETE', target, EMPTY_INPUT)).toMatchObject({ actualHours: undefined });
  });

  it('names the person the way each mutation expects', () => {
    expect(actionVariables('ASSIGN', target, { ...EMPTY_INPUT, personId: 'u9' })).toMatchObject({ assigneeId: 'u9' });
    expect(actionVariables('ADD_COLLABORATOR', target, { ...EMPTY_INPUT, personId: 'u9' })).toMatchObject({ userId: 'u9' });
  });
});

describe('which actions ask first', () => {
  it('runs start, confirm and restore at once and asks for everything else', () => {
    expect(needsDialog('START')).toBe(false);
    expect(needsDialog('CONFIRM')).toBe(false);
    expect(needsDialog('RESTORE')).toBe(false);
    for (const action of ['APPROVE', 'REJECT', 'ASSIGN', 'COMPLETE', 'REQUEST_REVISION', 'DELETE'] as const) {
      expect(needsDialog(action)).toBe(true);
    }
  });

  it('leaves editing, comments, attachments and rollback to their own editors', () => {
    expect(isRunnableAction('EDIT')).toBe(false);
    expect(isRunnableAction('COMMENT')).toBe(false);
    expect(isRunnableAction('ROLLBACK')).toBe(false);
    expect(isRunnableAction('APPROVE')).toBe(true);
  });
});
