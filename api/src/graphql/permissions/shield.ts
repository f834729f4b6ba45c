// Who may call which root field. Everything not named here is denied (deny fallback), so a new root field
// is unreachable until someone decides who may use it. Fields of object types are reachable only through
// root fields, and their row- and field-level rules live in the domain, so they carry no shield rule and are
// not wrapped at all: shield wraps every field of the schema it is given, which cost a board page thousands of
// rule evaluations (one per field per ticket) for nothing.
import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { type IRules, shield } from 'graphql-shield';
import { ForbiddenError } from '../../domain/errors.ts';
import { TICKET_ACTION_MUTATIONS } from '../types/ticket-mutations.ts';
import { allow, deny, isAdmin, isAuthenticated, isManagerOrAdmin, ticketActionRule } from './rules.ts';

export const rootRules = {
  Query: {
    node: isAuthenticated,
    viewer: allow,
    departments: allow,
    users: isAuthenticated,
    ticket: isAuthenticated,
    tickets: isAuthenticated,
    myTasks: isAuthenticated,
    trash: isManagerOrAdmin,
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
    markNotificationsRead: isAuthenticated,
    updateNotificationPreferences: isAuthenticated,
    createTelegramLinkCode: isAuthenticated,
    unlinkTelegram: isAuthenticated,
    retryNotificationDelivery: isAdmin,
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

/** Shield's middleware for the root fields only: each root field's rule, or deny when it has none. */
export function buildPermissions(schema: GraphQLSchema, rules: Record<string, Record<string, unknown>> = rootRules): IMiddlewareTypeMap {
  const permissions = shield(rules as IRules, {
    fallbackRule: deny,
    fallbackError: () => new ForbiddenError('No permission rule allows this field.'),
    // Errors thrown by resolvers are ours (domain errors) and must reach the client with their code.
    allowExternalErrors: true,
  });
  const everyField = permissions.generate(schema) as IMiddlewareTypeMap;
  return Object.fromEntries(ROOT_TYPES.filter((type) => everyField[type]).map((type) => [type, everyField[type]])) as IMiddlewareTypeMap;
}
