// Enums of the public contract, built from the domain's vocabulary (one list per enum, written once).

import {
  APPROVAL_STEPS,
  COMPLEXITIES,
  CRITERIA,
  DELIVERED_EVENT_TYPES,
  FILE_FORMATS,
  HISTORY_ACTIONS,
  NOTIFICATION_KINDS,
  ORDER_DIRECTIONS,
  PRIORITIES,
  PRODUCT_CATEGORIES,
  REQUEST_TYPE_NAMES,
  ROLES,
  TICKET_ACTIONS,
  TICKET_ORDER_FIELDS,
  TICKET_STATUSES,
  USER_KINDS,
} from '../../domain/vocabulary.ts';
import { builder } from '../builder.ts';

export const RoleEnum = builder.enumType('Role', { values: ROLES });

export const TicketStatusEnum = builder.enumType('TicketStatus', { values: TICKET_STATUSES });

export const PriorityEnum = builder.enumType('Priority', { values: PRIORITIES });

export const UserKindEnum = builder.enumType('UserKind', {
  description: 'A PERSON signs in with a password; a SERVICE account (an integration) only uses API tokens.',
  values: USER_KINDS,
});

export const ApprovalStepEnum = builder.enumType('ApprovalStep', {
  description: "A request's two approvals: its department's (REQUESTED → PENDING_CREATIVE), then Creative's (→ APPROVED).",
  values: APPROVAL_STEPS,
});

export const TicketActionEnum = builder.enumType('TicketAction', {
  description: 'What a viewer may do to a ticket; see Ticket.availableActions.',
  values: TICKET_ACTIONS,
});

export const RequestTypeEnum = builder.enumType('RequestType', { values: REQUEST_TYPE_NAMES });

export const FileFormatEnum = builder.enumType('FileFormat', { description: 'SOCMED_POSTING only.', values: FILE_FORMATS });

export const CriteriaEnum = builder.enumType('Criteria', { values: CRITERIA });

export const ComplexityEnum = builder.enumType('Complexity', { values: COMPLEXITIES });

export const ProductCategoryEnum = builder.enumType('ProductCategory', { values: PRODUCT_CATEGORIES });

export const HistoryActionEnum = builder.enumType('HistoryAction', { values: HISTORY_ACTIONS });

export const TicketEventTypeEnum = builder.enumType('TicketEventType', { values: DELIVERED_EVENT_TYPES });

export const NotificationKindEnum = builder.enumType('NotificationKind', { values: NOTIFICATION_KINDS });

export const OrderDirectionEnum = builder.enumType('OrderDirection', { values: ORDER_DIRECTIONS });

export const TicketOrderFieldEnum = builder.enumType('TicketOrderField', { values: TICKET_ORDER_FIELDS });
