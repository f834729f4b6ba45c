// Rules for webhooks (issue 24). Pure: services/webhooks.ts loads and writes, notifications/webhook-dispatcher.ts
// sends, notifications/webhook-target.ts checks where a URL leads.
import { BadInputError } from './errors.ts';
import { isAdmin, type Viewer } from './viewer.ts';
import { TICKET_EVENT_TYPES, type TicketEventType } from './vocabulary.ts';

const MAX_URL = 2000;
/** A person's endpoints (each ticket change writes a delivery per matching one, in the change's transaction). */
export const MAX_WEBHOOKS_PER_OWNER = 20;
/**
 * The most the `webhooks` list answers (newest first), and what the query cost prices it at: a person has at most
 * MAX_WEBHOOKS_PER_OWNER, but an admin's list is everyone's, bounded only by the number of managers.
 */
export const MAX_WEBHOOKS_LISTED = 200;
const MAX_DESCRIPTION = 500;

/** An endpoint URL: http or https, a host, no user name or password (they would be sent to whoever answers and shown in logs). */
export function validateWebhookUrl(value: string): URL {
  const trimmed = value.trim();
  if (!trimmed) throw new BadInputError('url cannot be empty.', 'url');
  if (trimmed.length > MAX_URL) throw new BadInputError(`url must be at most ${MAX_URL} characters.`, 'url');
  if (!URL.canParse(trimmed)) throw new BadInputError('url is not a valid URL.', 'url');
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BadInputError('url must be an http:// or https:// URL.', 'url');
  if (!url.hostname) throw new BadInputError('url needs a host.', 'url');
  if (url.username || url.password) throw new BadInputError('url must not carry a user name or password: authenticate the requests by their signature.', 'url');
  url.hash = '';
  return url;
}

/** The event types, each once, in the vocabulary's order; at least one. */
export function validateWebhookEvents(events: readonly string[]): TicketEventType[] {
  const chosen = TICKET_EVENT_TYPES.filter((type) => events.includes(type));
  if (chosen.length === 0) throw new BadInputError('Choose at least one event type.', 'events');
  return chosen;
}

export function validateWebhookDescription(description: string): string {
  const trimmed = description.trim();
  if (trimmed.length > MAX_DESCRIPTION) throw new BadInputError(`description must be at most ${MAX_DESCRIPTION} characters.`, 'description');
  return trimmed;
}

/**
 * Who may have webhooks: managers and admins; a member only through an API token (an integration acting for
 * them, which the shield holds to the WRITE scope for every mutation).
 */
export function mayUseWebhooks(viewer: Viewer, viaApiToken: boolean): boolean {
  return viewer.role !== 'MEMBER' || viaApiToken;
}

/** The owner manages their webhook; an admin any. */
export function mayManageWebhook(viewer: Viewer, webhook: { ownerId: string }): boolean {
  return webhook.ownerId === viewer.id || isAdmin(viewer);
}

/** What an answer from the endpoint means for the delivery. */
export type ResponseVerdict =
  /** 2xx: delivered. */
  | 'delivered'
  /** Worth another try later: 5xx, 429, 408 (and network errors and timeouts, which have no status). */
  | 'retry'
  /** 410 Gone: the endpoint says it is no more; the delivery is dead and the endpoint is turned off. */
  | 'gone'
  /**
   * Any other status (3xx, since redirects are never followed, and 4xx): the receiver refused this request, and
   * the same bytes will be refused again. Dead at once rather than retried for a day; it counts toward turning
   * the endpoint off, and redeliverWebhookDelivery sends it again once the receiver is fixed.
   */
  | 'refused';

export function responseVerdict(status: number): ResponseVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 500 || status === 429 || status === 408) return 'retry';
  if (status === 410) return 'gone';
  return 'refused';
}

export type RetryTuning = {
  /** The first retry's delay; each next one doubles it, up to capMs. */
  baseMs: number;
  capMs: number;
  /** How long after it was written a delivery keeps being retried before it is DEAD. */
  giveUpAfterMs: number;
};

/**
 * When to try again after `attempts` failed attempts: exponential backoff with full jitter (a random delay
 * between half and all of base·2^(attempts-1), capped), or what Retry-After asked if that is later; null when
 * that moment is past the give-up time (the delivery is DEAD).
 */
export function nextRetryAt(
  attempts: number,
  createdAt: Date,
  now: Date,
  tuning: RetryTuning,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): Date | null {
  const exponential = Math.min(tuning.capMs, tuning.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const delay = Math.max(jittered, retryAfterMs ?? 0);
  const at = new Date(now.getTime() + delay);
  return at.getTime() > createdAt.getTime() + tuning.giveUpAfterMs ? null : at;
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The payload every delivery POSTs (Standard Webhooks' recommended envelope). */
export type WebhookPayload<Data> = { type: string; timestamp: string; data: Data };

/** The envelope's type: "ticket." + the event type in lower case, e.g. "ticket.status_changed". */
export function webhookEventName(type: TicketEventType): string {
  return `ticket.${type.toLowerCase()}`;
}
