// Enums of the public contract. Values mirror the Prisma enums and the domain's unions.
import { builder } from '../builder.ts';
import { TICKET_ACTIONS } from '../../domain/workflow.ts';
import { TICKET_STATUSES } from '../../domain/ticket-access.ts';

export const RoleEnum = builder.enumType('Role', { values: ['ADMIN', 'MANAGER', 'MEMBER'] as const });

export const TicketStatusEnum = builder.enumType('TicketStatus', { values: TICKET_STATUSES });

export const PriorityEnum = builder.enumType('Priority', { values: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const });

export const TicketActionEnum = builder.enumType('TicketAction', {
  description: 'What a viewer may do to a ticket; see Ticket.availableActions.',
  values: TICKET_ACTIONS,
});

export const RequestTypeEnum = builder.enumType('RequestType', {
  values: ['SOCMED_POSTING', 'WEBSITE_BANNER', 'PHOTOSHOOT', 'VIDEOSHOOT', 'LIVE_PRODUCTION', 'ADS', 'TELEGRAM_CHANNEL'] as const,
});

export const FileFormatEnum = builder.enumType('FileFormat', {
  description: 'SOCMED_POSTING only.',
  values: ['STILL', 'GIF', 'VIDEO_LANDSCAPE', 'VIDEO_PORTRAIT'] as const,
});

export const CriteriaEnum = builder.enumType('Criteria', { values: ['IMAGE', 'VIDEO'] as const });

export const ComplexityEnum = builder.enumType('Complexity', { values: ['LOW', 'MEDIUM', 'HIGH'] as const });

export const ProductCategoryEnum = builder.enumType('ProductCategory', { values: ['GENERAL', 'ADS', 'TELEGRAM'] as const });

export const HistoryActionEnum = builder.enumType('HistoryAction', {
  values: [
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
  ] as const,
});

export const TicketEventTypeEnum = builder.enumType('TicketEventType', {
  values: [
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
    'REFETCH',
  ] as const,
});

export const NotificationKindEnum = builder.enumType('NotificationKind', {
  values: [
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
  ] as const,
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });

export const TicketOrderFieldEnum = builder.enumType('TicketOrderField', {
  values: ['CREATED_AT', 'UPDATED_AT', 'DUE_DATE', 'PRIORITY', 'NUMBER'] as const,
});
