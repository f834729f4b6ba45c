// graphql-shield rules. A refusal is a domain error (UNAUTHENTICATED, FORBIDDEN), returned rather than
// thrown so shield hands it to graphql-js as the field's error; graphql/errors.ts maps it like any other.
import { allow, deny, rule } from 'graphql-shield';
import type { Context } from '../../context.ts';
import { type MutationNeed, tokenMayRun } from '../../domain/api-tokens.ts';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import { actsInTrash, ROLES, rolesThatMay, type TicketAction } from '../../domain/workflow.ts';

export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => (ctx.viewer ? true : new UnauthenticatedError()));

export const isAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return new UnauthenticatedError();
  return ctx.viewer.role === 'ADMIN' ? true : new ForbiddenError('Only admins can do this.');
});

export const isManagerOrAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return new UnauthenticatedError();
  return ctx.viewer.role === 'MEMBER' ? new ForbiddenError('Only managers and admins can do this.') : true;
});

/** Webhooks: managers and admins, and a member only through an API token (held to WRITE for mutations by the token-scope rule). */
export const mayUseWebhooks = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return new UnauthenticatedError();
  return ctx.viewer.role !== 'MEMBER' || ctx.apiScopes !== null
    ? true
    : new ForbiddenError('Only managers and admins use webhooks; a member may through an API token with the WRITE scope.');
});

/**
 * The coarse rule for a workflow action, from the roles its parties can hold (domain/workflow.ts rolesThatMay):
 * the table stays the one place that says who may act; the domain then decides the ticket itself.
 */
export function workflowRule(action: TicketAction) {
  const roles = rolesThatMay(action);
  if (ROLES.every((role) => roles.includes(role))) return isAuthenticated;
  if (roles.length === 1 && roles[0] === 'ADMIN') return isAdmin;
  if (roles.length === 2 && roles.includes('ADMIN') && roles.includes('MANAGER')) return isManagerOrAdmin;
  throw new Error(`No shield rule admits exactly the roles ${roles.join(', ')} (action ${action}).`);
}

/**
 * Shield's rule for a ticket action's mutation. On live tickets only a session: the domain decides the ticket
 * itself (a non-reader hears NOT_FOUND, anyone else the workflow's own refusal). The trash's actions (restore,
 * purge) refuse, before any ticket is read, the roles the workflow table does not admit to them.
 */
export function ticketActionRule(action: TicketAction) {
  return actsInTrash(action) ? workflowRule(action) : isAuthenticated;
}

const TOKEN_REFUSALS = {
  WRITE: 'This API token may only read: a mutation needs the WRITE scope.',
  ADMIN: 'An admin mutation needs an API token with the ADMIN scope.',
  SESSION_ONLY: 'API tokens cannot do this: sign in as a person.',
} satisfies Record<MutationNeed, string>;

/** One rule per need (shield caches a rule's answer per request by the rule). A person's session passes. */
const tokenRules = Object.fromEntries(
  (Object.keys(TOKEN_REFUSALS) as MutationNeed[]).map((need) => [
    need,
    rule({ cache: 'contextual' })((_parent, _args, ctx: Context) =>
      ctx.apiScopes === null || tokenMayRun(ctx.apiScopes, need) ? true : new ForbiddenError(TOKEN_REFUSALS[need]),
    ),
  ]),
) as Record<MutationNeed, typeof isAuthenticated>;

/** The rule an API token's scopes must pass before a mutation that needs `need` (domain/api-tokens.ts). */
export function tokenScopeRule(need: MutationNeed) {
  return tokenRules[need];
}

export { allow, deny };
