import { describe, expect, it } from 'vitest';
import { EMPTY_NEW_USER, toCreateUserInput, validateNewUser } from './user-rules';

const valid = { ...EMPTY_NEW_USER, username: 'ana.cruz', email: 'ana@example.com', displayName: 'Ana Cruz' };

describe('validateNewUser', () => {
  it('accepts a well-formed person', () => {
    expect(validateNewUser(valid)).toEqual({});
  });

  it('asks for every required field, in words for the admin filling it in', () => {
    expect(validateNewUser(EMPTY_NEW_USER)).toEqual({
      username: 'Enter a username.',
      email: 'Enter an e-mail address.',
      displayName: 'Enter the name people see.',
    });
  });

  it('refuses usernames the API refuses', () => {
    for (const username of ['ab', 'ana cruz', '.ana', 'ana-', 'a'.repeat(33), 'ana@x']) {
      expect(validateNewUser({ ...valid, username }).username, username).toBeTruthy();
    }
    expect(validateNewUser({ ...valid, username: ' Ana.Cruz ' }).username).toBeUndefined();
  });

  it('refuses addresses without a domain and over-long display names', () => {
    expect(validateNewUser({ ...valid, email: 'ana@example' }).email).toMatch(/^This is not an e-mail address/);
    expect(validateNewUser({ ...valid, displayName: 'x'.repeat(101) }).displayName).toBe('Use at most 100 characters.');
  });
});

describe('toCreateUserInput', () => {
  it('trims, lowercases the username and sends no empty department', () => {
    expect(toCreateUserInput({ ...valid, username: ' Ana.Cruz ', displayName: ' Ana ' })).toEqual({
      username: 'ana.cruz',
      email: 'ana@example.com',
      displayName: 'Ana',
      role: 'MEMBER',
      departmentId: null,
    });
  });
});
