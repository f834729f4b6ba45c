// What the webhook forms check and how a webhook's events and deliveries read. Pure, tested without a page.
import type { TicketEventType, WebhookDeliveryStatus } from '../../gql/graphql';

/** REFETCH is a subscription's "reload" signal, never a webhook's event. */
export type WebhookEventType = Exclude<TicketEventType, 'REFETCH'>;

/** Every event a webhook can receive, in the order people pick them, each in words. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  CREATED: 'Ticket created',
  UPDATED: 'Fields edited',
  STATUS_CHANGED: 'Status changed',
  ASSIGNED: 'Assigned',
  COMMENTED: 'Commented',
  ATTACHMENT_ADDED: 'File added',
  ATTACHMENT_REMOVED: 'File removed',
  ROLLED_BACK: 'Rolled back',
  DELETED: 'Moved to trash',
  RESTORED: 'Restored from trash',
  ANNOTATION_ADDED: 'Annotation added on a file',
  ANNOTATION_RESOLVED: 'Annotation resolved',
  ANNOTATION_REOPENED: 'Annotation reopened',
  DECISION_RECORDED: 'Review decision recorded',
};
export const WEBHOOK_EVENTS = Object.keys(EVENT_LABELS) as WebhookEventType[];

export function eventLabel(type: TicketEventType): string {
  return type === 'REFETCH' ? 'Reload' : EVENT_LABELS[type];
}

/** "All events" when every one is chosen, else the chosen ones in words. */
export function eventsSummary(events: readonly TicketEventType[]): string {
  if (WEBHOOK_EVENTS.every((type) => events.includes(type))) return 'All events';
  return WEBHOOK_EVENTS.filter((type) => events.includes(type))
    .map((type) => EVENT_LABELS[type])
    .join(', ');
}

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Pending',
  SUCCEEDED: 'Delivered',
  DEAD: 'Failed',
  SKIPPED: 'Skipped',
};

/** The badge class of a delivery's status (integrations.css). */
export const DELIVERY_STATUS_TONES: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'pending',
  SUCCEEDED: 'delivered',
  DEAD: 'dead',
  SKIPPED: 'skipped',
};

export function durationLabel(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export type WebhookDraft = { url: string; description: string; departmentId: string; events: WebhookEventType[] };
export type WebhookDraftErrors = Partial<Record<'url' | 'events' | 'description', string>>;

export const EMPTY_WEBHOOK_DRAFT: WebhookDraft = { url: '', description: '', departmentId: '', events: [...WEBHOOK_EVENTS] };

/** The form's own checks (the server also refuses private addresses, which only it can resolve). */
export function validateWebhookDraft(draft: WebhookDraft): WebhookDraftErrors {
  const errors: WebhookDraftErrors = {};
  const url = draft.url.trim();
  if (!url) errors.url = 'Enter the address that receives the events.';
  else if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) errors.url = 'Enter a full http:// or https:// address.';
  else if (new URL(url).username || new URL(url).password) errors.url = 'Leave the user name and password out: receivers check the signature instead.';
  if (draft.events.length === 0) errors.events = 'Choose at least one event.';
  if (draft.description.trim().length > 500) errors.description = 'At most 500 characters.';
  return errors;
}

export function toCreateWebhookInput(draft: WebhookDraft): {
  url: string;
  events: WebhookEventType[];
  departmentId: string | null;
  description: string | null;
} {
  return {
    url: draft.url.trim(),
    events: WEBHOOK_EVENTS.filter((type) => draft.events.includes(type)),
    departmentId: draft.departmentId || null,
    description: draft.description.trim() || null,
  };
}
