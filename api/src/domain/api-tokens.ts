// Rules for API tokens and service accounts. Pure; services/api-tokens.ts loads and writes, and the shield
// (graphql/permissions) asks `tokenMayRun` before every mutation a token sends.
import { BadInputError, ForbiddenError } from './errors.ts';
import { isAdmin, type Role, type Viewer } from './viewer.ts';
import { API_SCOPES, type ApiScope, type UserKind } from './vocabulary.ts';

export { API_SCOPES, type ApiScope, USER_KINDS, type UserKind } from './vocabulary.ts';

/** What a mutation asks of a token: an owner's write, an admin's write, or never a token (a person's session only). */
export type MutationNeed = 'WRITE' | 'ADMIN' | 'SESSION_ONLY';

/** The highest scope a token holds (its list need not repeat the lower ones). */
function level(scopes: readonly ApiScope[]): number {
  return Math.max(-1, ...scopes.map((scope) => API_SCOPES.indexOf(scope)));
}

/** Whether a token with these scopes may run a mutation that needs `need`. Queries and subscriptions need READ, which every token holds. */
export function tokenMayRun(scopes: readonly ApiScope[], need: MutationNeed): boolean {
  if (need === 'SESSION_ONLY') return false;
  return level(scopes) >= API_SCOPES.indexOf(need);
}

export const SERVICE_SUFFIX = ' (service)';
const MAX_NAME = 100;

export function validateTokenName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new BadInputError('name cannot be empty.', 'name');
  if (trimmed.length > MAX_NAME) throw new BadInputError(`name must be at most ${MAX_NAME} characters.`, 'name');
  return trimmed;
}

export type TokenOwner = { id: string; kind: UserKind; role: Role; isActive: boolean; approved: boolean };

/**
 * Who may make a token for whom, with which scopes and expiry: a person for themselves, an admin also for a
 * service account; ADMIN only for an owner who is an admin (a person or a service account with role ADMIN).
 */
export function assertMayCreateToken(viewer: Viewer, owner: TokenOwner, input: { scopes: readonly ApiScope[]; expiresAt: Date | null }, now: Date): void {
  if (owner.id !== viewer.id) {
    if (!isAdmin(viewer)) throw new ForbiddenError('Only admins make tokens for someone else.');
    if (owner.kind !== 'SERVICE') throw new ForbiddenError('Tokens for someone else are made only for service accounts.');
  }
  if (!owner.isActive || !owner.approved) throw new ForbiddenError('That account is not active.');
  if (input.scopes.length === 0) throw new BadInputError('Choose at least one scope.', 'scopes');
  if (input.scopes.includes('ADMIN') && owner.role !== 'ADMIN') throw new ForbiddenError('Only an admin’s token may hold the ADMIN scope.');
  if (input.expiresAt && input.expiresAt <= now) throw new BadInputError('expiresAt must be in the future.', 'expiresAt');
}

/** The owner revokes their token; an admin any token. */
export function mayRevokeToken(viewer: Viewer, token: { ownerId: string }): boolean {
  return token.ownerId === viewer.id || isAdmin(viewer);
}

/** How a service account reads in history and activity: its name and that it is one ("Zapier (service)"). */
export function serviceDisplayName(name: string): string {
  return `${validateTokenName(name)}${SERVICE_SUFFIX}`;
}

/** Where a service account's (required, unique) email points: nowhere, by the reserved .invalid domain. */
export function serviceEmail(username: string): string {
  return `${username}@service.invalid`;
}

/** A service account's username, from its name: "Zapier sync" → "svc-zapier-sync". */
export function serviceUsername(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 27)
    .replace(/-+$/, '');
  if (!slug) throw new BadInputError('name needs at least one letter or digit.', 'name');
  return `svc-${slug}`;
}
