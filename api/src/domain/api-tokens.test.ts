import { describe, expect, it } from 'vitest';
import { assertMayCreateToken, mayRevokeToken, serviceDisplayName, serviceUsername, tokenMayRun } from './api-tokens.ts';
import type { Viewer } from './viewer.ts';

const viewer = (id: string, role: Viewer['role']): Viewer => ({ id, username: id, role, departmentId: null, inCreativeDepartment: false });
const owner = (id: string, role: Viewer['role'], kind: 'PERSON' | 'SERVICE' = 'PERSON') => ({ id, role, kind, isActive: true, approved: true });
const now = new Date('2026-12-06T12:00:00Z');

describe('tokenMayRun', () => {
  it('READ runs no mutation, WRITE the owner’s, ADMIN also admin ones; none a session-only one', () => {
    expect(tokenMayRun(['READ'], 'WRITE')).toBe(false);
    expect(tokenMayRun(['WRITE'], 'WRITE')).toBe(true);
    expect(tokenMayRun(['WRITE'], 'ADMIN')).toBe(false);
    expect(tokenMayRun(['ADMIN'], 'WRITE')).toBe(true);
    expect(tokenMayRun(['READ', 'ADMIN'], 'ADMIN')).toBe(true);
    expect(tokenMayRun(['ADMIN'], 'SESSION_ONLY')).toBe(false);
    expect(tokenMayRun([], 'WRITE')).toBe(false);
  });
});

describe('assertMayCreateToken', () => {
  it('a person for themselves; an admin also for a service account, never for another person', () => {
    expect(() => assertMayCreateToken(viewer('m', 'MEMBER'), owner('m', 'MEMBER'), { scopes: ['WRITE'], expiresAt: null }, now)).not.toThrow();
    expect(() => assertMayCreateToken(viewer('m', 'MEMBER'), owner('s', 'MEMBER', 'SERVICE'), { scopes: ['READ'], expiresAt: null }, now)).toThrow(
      'Only admins',
    );
    expect(() => assertMayCreateToken(viewer('a', 'ADMIN'), owner('s', 'ADMIN', 'SERVICE'), { scopes: ['ADMIN'], expiresAt: null }, now)).not.toThrow();
    expect(() => assertMayCreateToken(viewer('a', 'ADMIN'), owner('p', 'MEMBER'), { scopes: ['READ'], expiresAt: null }, now)).toThrow('service accounts');
  });

  it('ADMIN only for an admin owner; at least one scope; an expiry in the future; an active owner', () => {
    expect(() => assertMayCreateToken(viewer('m', 'MANAGER'), owner('m', 'MANAGER'), { scopes: ['ADMIN'], expiresAt: null }, now)).toThrow('ADMIN');
    expect(() => assertMayCreateToken(viewer('a', 'ADMIN'), owner('s', 'MEMBER', 'SERVICE'), { scopes: ['ADMIN'], expiresAt: null }, now)).toThrow('ADMIN');
    expect(() => assertMayCreateToken(viewer('m', 'MEMBER'), owner('m', 'MEMBER'), { scopes: [], expiresAt: null }, now)).toThrow('scope');
    expect(() => assertMayCreateToken(viewer('m', 'MEMBER'), owner('m', 'MEMBER'), { scopes: ['READ'], expiresAt: now }, now)).toThrow('future');
    const inactive = { ...owner('s', 'MEMBER', 'SERVICE'), isActive: false };
    expect(() => assertMayCreateToken(viewer('a', 'ADMIN'), inactive, { scopes: ['READ'], expiresAt: null }, now)).toThrow('not active');
  });
});

describe('revoking and naming', () => {
  it('the owner or an admin revokes', () => {
    expect(mayRevokeToken(viewer('m', 'MEMBER'), { ownerId: 'm' })).toBe(true);
    expect(mayRevokeToken(viewer('x', 'MANAGER'), { ownerId: 'm' })).toBe(false);
    expect(mayRevokeToken(viewer('a', 'ADMIN'), { ownerId: 'm' })).toBe(true);
  });

  it('a service account reads as "<name> (service)", with a username made from its name', () => {
    expect(serviceDisplayName(' Zapier ')).toBe('Zapier (service)');
    expect(serviceUsername('Zapier Sync #2')).toBe('svc-zapier-sync-2');
    expect(serviceUsername('Café')).toBe('svc-cafe');
    expect(() => serviceUsername('!!!')).toThrow('letter or digit');
  });
});
