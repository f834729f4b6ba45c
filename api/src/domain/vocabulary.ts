// The product's vocabulary: every enumerated value set, written once. The TypeScript types, the Pothos
// enums of the public contract and the web client's generated types all derive from these lists; a test
// (vocabulary.prisma.test.ts) proves the Prisma enums hold exactly the same values.

export const ROLES = ['ADMIN', 'MANAGER', 'MEMBER'] as const;
export type Role = (typeof ROLES)[number];

/** A person signs in; a service account (an integration) only holds API tokens. */
export const USER_KINDS = ['PERSON', 'SERVICE'] as const;
export type UserKind = (typeof USER_KINDS)[number];

/** An API token's scopes; each includes the ones before it: READ < WRITE < ADMIN (domain/api-tokens.ts). */
export const API_SCOPES = ['READ', 'WRITE', 'ADMIN'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const TICKET_STATUSES = ['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'REJECTED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

// The status sets, each written once here; everything else imports them (or their SQL form below). Which
// status a workflow action leads to is the workflow table's (domain/workflow.ts), not a set's.

/** Statuses the workflow ends in: only a rollback takes a ticket out of them. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['CLOSED', 'REJECTED'];
/** Statuses a ticket still changes in (files may be attached): every status but the final ones. */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));
/** Statuses in which the work is finished or abandoned: never overdue, never reminded of, not open work. */
export const DONE_STATUSES: readonly TicketStatus[] = ['COMPLETED', 'CLOSED', 'REJECTED'];
/** Statuses whose work was delivered (done and not rejected): what "completed" counts. */
export const DELIVERED_STATUSES: readonly TicketStatus[] = ['COMPLETED', 'CLOSED'];

/**
 * A status set in SQL: an array literal of the enum type, `ARRAY['COMPLETED'::"TicketStatus", …]`, for
 * `= ANY (…)` and `<> ALL (…)` (the form of the open-work partial index's predicate, which the planner must
 * see verbatim to use it). The values are this file's constants, never input.
 */
export function statusArraySql(statuses: readonly TicketStatus[]): string {
  return `ARRAY[${statuses.map((status) => `'${status}'::"TicketStatus"`).join(', ')}]`;
}

/** The two approvals a request needs: its department's, then Creative's. */
export const APPROVAL_STEPS = ['DEPARTMENT', 'CREATIVE'] as const;
export type ApprovalStep = (typeof APPROVAL_STEPS)[number];

export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const REQUEST_TYPE_NAMES = ['SOCMED_POSTING', 'WEBSITE_BANNER', 'PHOTOSHOOT', 'VIDEOSHOOT', 'LIVE_PRODUCTION', 'ADS', 'TELEGRAM_CHANNEL'] as const;
export type RequestType = (typeof REQUEST_TYPE_NAMES)[number];

export const FILE_FORMATS = ['STILL', 'GIF', 'VIDEO_LANDSCAPE', 'VIDEO_PORTRAIT'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const CRITERIA = ['IMAGE', 'VIDEO'] as const;
export type Criteria = (typeof CRITERIA)[number];

export const COMPLEXITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const PRODUCT_CATEGORIES = ['GENERAL', 'ADS', 'TELEGRAM'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** What a viewer may do to a ticket: the workflow table's action column and Ticket.availableActions. */
export const TICKET_ACTIONS = [
  'EDIT',
  'APPROVE',
  'REJECT',
  'ASSIGN',
  'START',
  'COMPLETE',
  'CONFIRM',
  'ROLLBACK',
  'COMMENT',
  'ATTACH',
  'REMOVE_ATTACHMENT',
  'REQUEST_REVISION',
  'DELETE',
  'RESTORE',
  'ADD_COLLABORATOR',
  'REMOVE_COLLABORATOR',
  'PURGE',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** The kind of a ticket history entry. */
export const HISTORY_ACTIONS = [
  'CREATED',
  'UPDATED',
  'APPROVED',
  'REJECTED',
  'ASSIGNED',
  'STARTED',
  'COMPLETED',
  'CONFIRMED',
  'ROLLBACK',
  'REVISION_REQUESTED',
  'COLLABORATOR_ADDED',
  'COLLABORATOR_REMOVED',
  'DELETED',
  'RESTORED',
  'ATTACHMENT_ADDED',
  'ATTACHMENT_REMOVED',
  'DECISION_RECORDED',
  'ANNOTATION_RESOLVED',
  'ANNOTATION_REOPENED',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** Stored realtime event types (the activity log's eventType). */
export const TICKET_EVENT_TYPES = [
  'CREATED',
  'UPDATED',
  'STATUS_CHANGED',
  'ASSIGNED',
  'COMMENTED',
  'ATTACHMENT_ADDED',
  'ATTACHMENT_REMOVED',
  'ROLLED_BACK',
  'DELETED',
  'RESTORED',
  'ANNOTATION_ADDED',
  'ANNOTATION_RESOLVED',
  'ANNOTATION_REOPENED',
  'DECISION_RECORDED',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** Delivered event types: the stored ones, and REFETCH (sent, never stored, when catch-up overflows). */
export const DELIVERED_EVENT_TYPES = [...TICKET_EVENT_TYPES, 'REFETCH'] as const;
export type DeliveredEventType = (typeof DELIVERED_EVENT_TYPES)[number];

export const NOTIFICATION_KINDS = [
  'TICKET_CREATED',
  'TICKET_APPROVED',
  'TICKET_REJECTED',
  'TICKET_ASSIGNED',
  'TICKET_STARTED',
  'TICKET_COMPLETED',
  'TICKET_CONFIRMED',
  'REVISION_REQUESTED',
  'COLLABORATOR_ADDED',
  'COMMENT_ADDED',
  'MENTIONED',
  'DEADLINE_REMINDER',
  'TICKET_OVERDUE',
  'ACCOUNT_APPROVED',
  'ATTACHMENT_ADDED',
  // The daily report to the team's group: an outbox row only, never an in-app notification.
  'DAILY_REPORT',
  'WEBHOOK_DISABLED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const OUTBOX_CHANNELS = ['TELEGRAM_GROUP', 'TELEGRAM_DM'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'DEAD'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A webhook delivery's state (prisma/schema.prisma WebhookDeliveryStatus says what each means). */
export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'DEAD', 'SKIPPED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** An annotation's figure: a point, a box, an arrow (x1, y1, x2, y2), a freehand line (x, y pairs). */
export const ANNOTATION_SHAPES = ['PIN', 'RECT', 'ARROW', 'FREEHAND'] as const;
export type AnnotationShape = (typeof ANNOTATION_SHAPES)[number];

export const ANNOTATION_STATES = ['OPEN', 'RESOLVED'] as const;
export type AnnotationState = (typeof ANNOTATION_STATES)[number];

/** A reviewer's decision on a version of a file. */
export const REVIEW_VERDICTS = ['APPROVED', 'CHANGES_REQUESTED'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** The page a saved view filters: LIST is /tickets, BOARD is /board. */
export const SAVED_VIEW_PAGES = ['LIST', 'BOARD'] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

/** The public error codes (extensions.code). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'PASSWORD_CHANGE_REQUIRED',
  'QUOTA_EXCEEDED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ORDER_DIRECTIONS = ['ASC', 'DESC'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

export const TICKET_ORDER_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'DUE_DATE', 'PRIORITY', 'NUMBER'] as const;
export type TicketOrderField = (typeof TICKET_ORDER_FIELDS)[number];
