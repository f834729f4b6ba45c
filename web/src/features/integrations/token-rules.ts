// What the token forms decide before anything is sent: which scopes a person may pick and what each means,
// when a chosen expiry ends, and how a token's state reads in the list. Pure, so tested without a page.
import type { ApiScope, Role } from '../../gql/graphql';

/** In the order of what they allow, each with the one line a person reads before picking it. */
export const SCOPE_EXPLANATIONS: Record<ApiScope, string> = {
  READ: 'Read tickets and receive live events; every change is refused.',
  WRITE: 'Also make the changes its owner may make: create, comment, move tickets along.',
  ADMIN: 'Also run admin actions (users, departments, products). Admins only.',
};
export const SCOPES = Object.keys(SCOPE_EXPLANATIONS) as ApiScope[];

export const SCOPE_LABELS: Record<ApiScope, string> = { READ: 'Read', WRITE: 'Write', ADMIN: 'Admin' };

/** The ADMIN scope only for an owner whose role is ADMIN (the server refuses it to anyone else). */
export function scopesFor(ownerRole: Role | undefined): ApiScope[] {
  return SCOPES.filter((scope) => scope !== 'ADMIN' || ownerRole === 'ADMIN');
}

export const EXPIRY_PRESETS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: 'never', label: 'No expiry' },
  { value: 'date', label: 'On a date' },
] as const;
export type ExpiryChoice = (typeof EXPIRY_PRESETS)[number]['value'];

export type TokenDraft = { name: string; scopes: ApiScope[]; expiry: ExpiryChoice; expiryDate: string };
export type TokenDraftErrors = Partial<Record<'name' | 'scopes' | 'expiresAt', string>>;

export const EMPTY_TOKEN_DRAFT: TokenDraft = { name: '', scopes: ['READ'], expiry: '90', expiryDate: '' };

const DAY_MS = 86_400_000;

/** When the chosen expiry ends: a preset counts days from now; a date ends at the end of that local day. */
export function expiresAt(draft: Pick<TokenDraft, 'expiry' | 'expiryDate'>, now: Date): Date | null {
  if (draft.expiry === 'never') return null;
  if (draft.expiry === 'date') {
    const [year, month, day] = draft.expiryDate.split('-').map(Number);
    if (!year || !month || !day) return null;
    return new Date(year, month - 1, day, 23, 59, 59);
  }
  return new Date(now.getTime() + Number(draft.expiry) * DAY_MS);
}

export function validateTokenDraft(draft: TokenDraft, now: Date): TokenDraftErrors {
  const errors: TokenDraftErrors = {};
  if (!draft.name.trim()) errors.name = 'Give the token a name, e.g. the tool that will use it.';
  else if (draft.name.trim().length > 100) errors.name = 'At most 100 characters.';
  if (draft.scopes.length === 0) errors.scopes = 'Choose at least one scope.';
  if (draft.expiry === 'date') {
    const end = expiresAt(draft, now);
    if (!end) errors.expiresAt = 'Pick the day the token stops working.';
    else if (end <= now) errors.expiresAt = 'Pick a day after today.';
  }
  return errors;
}

/** The variables' fields for createApiToken (ownerId is added by the caller when it is not the viewer). */
export function toCreateTokenInput(draft: TokenDraft, now: Date): { name: string; scopes: ApiScope[]; expiresAt: string | null } {
  // Only the highest scope matters (each includes the ones below); send what was ticked, in order.
  const scopes = SCOPES.filter((scope) => draft.scopes.includes(scope));
  return { name: draft.name.trim(), scopes, expiresAt: expiresAt(draft, now)?.toISOString() ?? null };
}

export type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(token: { revokedAt?: string | null; expiresAt?: string | null }, now: Date): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** Active tokens first, then the stopped ones; newest first within each (the server's order). */
export function byState<T extends { revokedAt?: string | null; expiresAt?: string | null }>(tokens: readonly T[], now: Date): T[] {
  const active = tokens.filter((token) => tokenState(token, now) === 'active');
  return [...active, ...tokens.filter((token) => tokenState(token, now) !== 'active')];
}
