import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { explainRefusal, explainTicketError } from './ticket-refusals';

describe('explainRefusal', () => {
  it('explains a stale write and asks for a reload', () => {
    const conflict = explainRefusal('CONFLICT', 'Version mismatch');
    expect(conflict.reload).toBe(true);
    expect(conflict.message).toMatch(/changed this ticket/);
  });

  it('keeps the server words for invalid input and hides internal ones', () => {
    expect(explainRefusal('BAD_USER_INPUT', 'Assignee is not active').message).toBe('Assignee is not active');
    expect(explainRefusal('INTERNAL_SERVER_ERROR', 'Unexpected error.').message).toMatch(/went wrong/);
    expect(explainRefusal(undefined, undefined).message).toMatch(/went wrong/);
  });

  it('says what to do about the codes that are not about the ticket', () => {
    expect(explainRefusal('PASSWORD_CHANGE_REQUIRED', undefined).message).toMatch(/Change your password/);
    expect(explainRefusal('GRAPHQL_VALIDATION_FAILED', 'Cannot query field').message).toMatch(/Reload the page/);
  });

  it('tells a lost connection from a refusal', () => {
    expect(explainTicketError(new CombinedError({ networkError: new Error('offline') }))).toEqual({
      message: 'Cannot reach the server. Check your connection and try again.',
      reload: false,
    });
    const refused = new CombinedError({ graphQLErrors: [{ message: 'stale', extensions: { code: 'CONFLICT' } }] });
    expect(explainTicketError(refused).reload).toBe(true);
  });
});
