// The database's enums are the domain's vocabulary, value for value: a value added on one side only is a
// bug that would surface as a failed write or an unknown enum in a response.
import { describe, expect, it } from 'vitest';
import * as vocabulary from '../domain/vocabulary.ts';
import * as prismaEnums from './generated/prisma/enums.ts';

const PAIRS = {
  Role: vocabulary.ROLES,
  UserKind: vocabulary.USER_KINDS,
  ApiScope: vocabulary.API_SCOPES,
  TicketStatus: vocabulary.TICKET_STATUSES,
  Priority: vocabulary.PRIORITIES,
  RequestType: vocabulary.REQUEST_TYPE_NAMES,
  FileFormat: vocabulary.FILE_FORMATS,
  Criteria: vocabulary.CRITERIA,
  Complexity: vocabulary.COMPLEXITIES,
  ProductCategory: vocabulary.PRODUCT_CATEGORIES,
  HistoryAction: vocabulary.HISTORY_ACTIONS,
  TicketEventType: vocabulary.TICKET_EVENT_TYPES,
  NotificationKind: vocabulary.NOTIFICATION_KINDS,
  OutboxChannel: vocabulary.OUTBOX_CHANNELS,
  OutboxStatus: vocabulary.OUTBOX_STATUSES,
  WebhookDeliveryStatus: vocabulary.WEBHOOK_DELIVERY_STATUSES,
  SavedViewPage: vocabulary.SAVED_VIEW_PAGES,
  AnnotationShape: vocabulary.ANNOTATION_SHAPES,
  AnnotationState: vocabulary.ANNOTATION_STATES,
  ReviewVerdict: vocabulary.REVIEW_VERDICTS,
} as const;

describe('Prisma enums equal the domain vocabulary', () => {
  it.each(Object.entries(PAIRS))('%s', (name, values) => {
    const prismaEnum = (prismaEnums as Record<string, Record<string, string> | undefined>)[name];
    expect(prismaEnum, `prisma/schema.prisma has no enum ${name}`).toBeDefined();
    expect(Object.values(prismaEnum!).sort()).toEqual([...values].sort());
  });

  it('every Prisma enum has its vocabulary list', () => {
    const prismaNames = Object.entries(prismaEnums)
      .filter(([, value]) => typeof value === 'object' && value !== null)
      .map(([name]) => name)
      .sort();
    expect(prismaNames).toEqual(Object.keys(PAIRS).sort());
  });
});
