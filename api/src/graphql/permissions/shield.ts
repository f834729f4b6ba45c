// Who may call which root field. Everything not named here is denied (deny fallback), so a new root field
// is unreachable until someone decides who may use it. Fields of object types are reachable only through
// root fields, and their row- and field-level rules live in the domain, so they carry no shield rule and are
// not wrapped at all: shield wraps every field of the schema it is given, which cost a board page thousands of
// rule evaluations (one per field per ticket) for nothing.
// An API token passes the same rules as its owner, and before each mutation its scopes (buildPermissions):
// queries and subscriptions need READ, which every token holds; a mutation needs WRITE, an admin-only one
// (rule isAdmin) ADMIN, and the few in SESSION_ONLY_MUTATIONS no token at all. A new mutation is thus covered
// at once: at least WRITE.
import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { chain, type IRules, shield } from 'graphql-shield';
import type { MutationNeed } from '../../domain/api-tokens.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { TICKET_ACTION_MUTATIONS } from '../types/ticket-mutations.ts';
import { allow, deny, isAdmin, isAuthenticated, isManagerOrAdmin, mayUseWebhooks, ticketActionRule, tokenScopeRule } from './rules.ts';

export const rootRules = {
  Query: {
    node: isAuthenticated,
    viewer: allow,
    departments: allow,
    users: isAuthenticated,
    ticket: isAuthenticated,
    tickets: isAuthenticated,
    myTasks: isAuthenticated,
    attachmentRules: isAuthenticated,
    // Everyone has a trash: the service narrows it to what the viewer may restore, and their own deletes.
    trash: isAuthenticated,
    dashboardStats: isAuthenticated,
    // Analytics are for the people who run the team; the service narrows a manager to their scope.
    analytics: isManagerOrAdmin,
    monthlyReport: isManagerOrAdmin,
    pendingApprovals: isManagerOrAdmin,
    // The assign picker's numbers: Creative managers and admins (the service checks the department).
    teamWorkload: isManagerOrAdmin,
    activityLog: isAuthenticated,
    products: isAuthenticated,
    notifications: isAuthenticated,
    unreadNotificationCount: isAuthenticated,
    notificationDeliveries: isAdmin,
    apiTokens: isAuthenticated,
    webhooks: mayUseWebhooks,
    search: isAuthenticated,
    // A person's own views only (the service narrows to the owner).
    savedViews: isAuthenticated,
  },
  Mutation: {
    register: allow,
    login: allow,
    refreshToken: allow,
    logout: allow,
    changePassword: isAuthenticated,
    updateUser: isAuthenticated,
    resetUserPassword: isAdmin,
    createDepartment: isAdmin,
    approveUser: isAdmin,
    declineRegistration: isAdmin,
    createUser: isAdmin,
    setDepartmentManager: isAdmin,
    createProduct: isAdmin,
    updateProduct: isAdmin,
    // Who may act on which ticket is the workflow table's decision (domain); shield only asks for a session,
    // except on the trash (ticketActionRule). The action mutations' rules come from their list.
    createTicket: isAuthenticated,
    updateTicket: isAuthenticated,
    ...Object.fromEntries(Object.entries(TICKET_ACTION_MUTATIONS).map(([name, mutation]) => [name, ticketActionRule(mutation.action)])),
    purgeTicket: ticketActionRule('PURGE'),
    addComment: isAuthenticated,
    uploadAttachment: isAuthenticated,
    deleteAttachment: isAuthenticated,
    // Proofing: who may annotate, resolve and decide is the domain's (the read rule first: NOT_FOUND to others).
    addAnnotation: isAuthenticated,
    resolveAnnotation: isAuthenticated,
    reopenAnnotation: isAuthenticated,
    recordReviewDecision: isAuthenticated,
    markNotificationsRead: isAuthenticated,
    updateNotificationPreferences: isAuthenticated,
    createTelegramLinkCode: isAuthenticated,
    unlinkTelegram: isAuthenticated,
    retryNotificationDelivery: isAdmin,
    // A person makes tokens for themselves, an admin also for a service account (the service decides which).
    createApiToken: isAuthenticated,
    revokeApiToken: isAuthenticated,
    createServiceAccount: isAdmin,
    // The service narrows to the owner's own (admins: any) and re-checks who may (domain/webhooks.ts).
    createWebhook: mayUseWebhooks,
    updateWebhook: mayUseWebhooks,
    deleteWebhook: mayUseWebhooks,
    redeliverWebhookDelivery: mayUseWebhooks,
    createSavedView: isAuthenticated,
    renameSavedView: isAuthenticated,
    deleteSavedView: isAuthenticated,
    // Each ticket goes through its one-ticket action, which decides as it does alone (the workflow table).
    bulkAssignTickets: ticketActionRule('ASSIGN'),
    bulkSetTicketPriority: ticketActionRule('EDIT'),
    bulkDeleteTickets: ticketActionRule('DELETE'),
  },
  // Shield wraps resolve, not subscribe: every subscribe also checks the viewer itself, and every event is
  // filtered by the read rule (realtime/ticket-event-stream.ts).
  Subscription: {
    ticketEvents: isAuthenticated,
    dashboardStatsChanged: isAuthenticated,
    notificationAdded: isAuthenticated,
  },
} satisfies Record<string, Record<string, unknown>>;

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;

/**
 * What no API token may run, whatever its scopes: signing in and out and the password are a person's own, and a
 * token making tokens would outlive its own revocation. (Revoking a token is allowed with WRITE: a leaked token
 * can be revoked with itself.)
 */
export const SESSION_ONLY_MUTATIONS: ReadonlySet<string> = new Set(['register', 'login', 'refreshToken', 'logout', 'changePassword', 'createApiToken']);

/** The scope a mutation needs of an API token: from its name (session only) and its rule (admins only → ADMIN). */
function tokenNeed(name: string, rule: unknown): MutationNeed {
  if (SESSION_ONLY_MUTATIONS.has(name)) return 'SESSION_ONLY';
  return rule === isAdmin ? 'ADMIN' : 'WRITE';
}

/** Every mutation's rule, after its token-scope rule (which a person's session passes). */
function withTokenScopes(rules: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  if (!rules.Mutation) return rules;
  const mutation = Object.fromEntries(
    Object.entries(rules.Mutation).map(([name, rule]) => [name, chain(tokenScopeRule(tokenNeed(name, rule)), rule as Parameters<typeof chain>[0])]),
  );
  return { ...rules, Mutation: mutation };
}

/** Shield's middleware for the root fields only: each root field's rule, or deny when it has none. */
export function buildPermissions(schema: GraphQLSchema, rules: Record<string, Record<string, unknown>> = rootRules): IMiddlewareTypeMap {
  const permissions = shield(withTokenScopes(rules) as IRules, {
    fallbackRule: deny,
    fallbackError: () => new ForbiddenError('No permission rule allows this field.'),
    // Errors thrown by resolvers are ours (domain errors) and must reach the client with their code.
    allowExternalErrors: true,
  });
  const everyField = permissions.generate(schema) as IMiddlewareTypeMap;
  return Object.fromEntries(ROOT_TYPES.filter((type) => everyField[type]).map((type) => [type, everyField[type]])) as IMiddlewareTypeMap;
}
