import { describe, expect, it } from 'vitest';
import { byState, EMPTY_TOKEN_DRAFT, expiresAt, scopesFor, type TokenDraft, toCreateTokenInput, tokenState, validateTokenDraft } from './token-rules';

const NOW = new Date(2026, 11, 6, 15, 0, 0);
const draft = (change: Partial<TokenDraft>): TokenDraft => ({ ...EMPTY_TOKEN_DRAFT, name: 'Zapier', ...change });

describe('scopes', () => {
  it('offers ADMIN only for an admin owner', () => {
    expect(scopesFor('ADMIN')).toEqual(['READ', 'WRITE', 'ADMIN']);
    expect(scopesFor('MANAGER')).toEqual(['READ', 'WRITE']);
    expect(scopesFor(undefined)).toEqual(['READ', 'WRITE']);
  });
});

describe('expiry', () => {
  it('counts a preset in days from now, none for "no expiry", and a date to the end of that local day', () => {
    expect(expiresAt(draft({ expiry: '30' }), NOW)?.getTime()).toBe(NOW.getTime() + 30 * 86_400_000);
    expect(expiresAt(draft({ expiry: '90' }), NOW)?.getTime()).toBe(NOW.getTime() + 90 * 86_400_000);
    expect(expiresAt(draft({ expiry: 'never' }), NOW)).toBeNull();
    expect(expiresAt(draft({ expiry: 'date', expiryDate: '2027-01-31' }), NOW)).toEqual(new Date(2027, 0, 31, 23, 59, 59));
  });
});

describe('validateTokenDraft', () => {
  it('asks for a name, a scope and a future date', () => {
    expect(validateTokenDraft(draft({}), NOW)).toEqual({});
    expect(Object.keys(validateTokenDraft(draft({ name: '  ', scopes: [] }), NOW)).sort()).toEqual(['name', 'scopes']);
    expect(validateTokenDraft(draft({ expiry: 'date', expiryDate: '' }), NOW).expiresAt).toBe('Pick the day the token stops working.');
    expect(validateTokenDraft(draft({ expiry: 'date', expiryDate: '2026-12-05' }), NOW).expiresAt).toBe('Pick a day after today.');
    // Today is allowed: the token works until the end of it.
    expect(validateTokenDraft(draft({ expiry: 'date', expiryDate: '2026-12-06' }), NOW)).toEqual({});
  });
});

describe('toCreateTokenInput', () => {
  it('trims the name, sends the scopes in their order and the expiry as an instant', () => {
    expect(toCreateTokenInput(draft({ name: ' Zapier ', scopes: ['WRITE', 'READ'], expiry: 'never' }), NOW)).toEqual({
      name: 'Zapier',
      scopes: ['READ', 'WRITE'],
      expiresAt: null,
    });
    expect(toCreateTokenInput(draft({ expiry: '30' }), NOW).expiresAt).toBe(new Date(NOW.getTime() + 30 * 86_400_000).toISOString());
  });
});

describe('tokenState', () => {
  it('is revoked, expired or active, and active tokens are listed first', () => {
    const active = { id: 'a', revokedAt: null, expiresAt: null };
    const revoked = { id: 'r', revokedAt: '2026-12-01T00:00:00Z', expiresAt: null };
    const expired = { id: 'e', revokedAt: null, expiresAt: '2026-12-01T00:00:00Z' };
    const later = { id: 'l', revokedAt: null, expiresAt: '2027-12-01T00:00:00Z' };
    expect([active, revoked, expired, later].map((token) => tokenState(token, NOW))).toEqual(['active', 'revoked', 'expired', 'active']);
    expect(byState([revoked, active, expired, later], NOW).map((token) => token.id)).toEqual(['a', 'l', 'r', 'e']);
  });
});
