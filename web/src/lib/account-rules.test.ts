import { describe, expect, it } from 'vitest';
import { displayNameProblem, emailProblem, normalizeUsername, passwordAcceptable, passwordRules, usernameProblem } from './account-rules';

const met = (password: string, current?: string) => Object.fromEntries(passwordRules(password, current).map((rule) => [rule.id, rule.met]));

describe('password rules (as the API checks them)', () => {
  it('wants 8 to 256 characters, and a change to differ from the current password', () => {
    // A maximum is met by an empty password; the minimum is what it misses.
    expect(met('')).toEqual({ min: false, max: true });
    expect(passwordAcceptable('')).toBe(false);
    expect(met('1234567')).toEqual({ min: false, max: true });
    expect(met('12345678')).toEqual({ min: true, max: true });
    expect(met('x'.repeat(256))).toEqual({ min: true, max: true });
    expect(met('x'.repeat(257))).toEqual({ min: true, max: false });
    expect(met('same-password', 'same-password')).toEqual({ min: true, max: true, differs: false });
    expect(passwordAcceptable('same-password', 'same-password')).toBe(false);
    expect(passwordAcceptable('new-password', 'old-password')).toBe(true);
  });
});

describe('account fields (as the API checks them)', () => {
  it('takes usernames of 3–32 lowercase letters, digits, dots, dashes or underscores, letter or digit at both ends', () => {
    expect(usernameProblem('Rita.Reyes')).toBeUndefined();
    expect(normalizeUsername('  Rita.Reyes ')).toBe('rita.reyes');
    expect(usernameProblem('abc')).toBeUndefined();
    expect(usernameProblem('')).toBe('Choose a username.');
    expect(usernameProblem('ab')).toBe('Use 3 to 32 characters.');
    expect(usernameProblem('a'.repeat(33))).toBe('Use 3 to 32 characters.');
    expect(usernameProblem('rita reyes')).toBe('Use only letters, digits, dots, dashes or underscores.');
    expect(usernameProblem('.rita')).toBe('Start and end with a letter or digit.');
    expect(usernameProblem('rita_')).toBe('Start and end with a letter or digit.');
  });

  it('wants an e-mail address and a display name of at most 100 characters', () => {
    expect(emailProblem('rita@example.com')).toBeUndefined();
    expect(emailProblem('rita@example')).toBe('This is not an e-mail address (like name@example.com).');
    expect(emailProblem(' ')).toBe('Enter your e-mail address.');
    expect(displayNameProblem('Rita Reyes')).toBeUndefined();
    expect(displayNameProblem('   ')).toBe('Enter the name your team knows you by.');
    expect(displayNameProblem('x'.repeat(101))).toBe('Use at most 100 characters.');
  });
});
