// The text of a Telegram notice (HTML parse mode) from an outbox row's payload and the people it names.
// Every user-supplied text (titles, reasons, comments, names) is escaped here; nothing else builds markup.
import { escapeHtml, type MentionTarget, mention, ticketLink } from './telegram-html.ts';
import type { NotificationKind } from './vocabulary.ts';
import { zonedFormat } from './zoned-format.ts';

export type NoticePayload = {
  title: string;
  body: string;
  ticketNumber: number | null;
  actorId?: string | null;
};

const ICON: Record<NotificationKind, string> = {
  TICKET_CREATED: '🆕',
  TICKET_APPROVED: '✅',
  TICKET_REJECTED: '⛔',
  TICKET_ASSIGNED: '👤',
  TICKET_STARTED: '🛠',
  TICKET_COMPLETED: '🎉',
  TICKET_CONFIRMED: '🏁',
  REVISION_REQUESTED: '🔁',
  COLLABORATOR_ADDED: '🤝',
  COMMENT_ADDED: '💬',
  MENTIONED: '💬',
  DEADLINE_REMINDER: '⏰',
  TICKET_OVERDUE: '🚨',
  ACCOUNT_APPROVED: '👋',
  ATTACHMENT_ADDED: '📎',
  DAILY_REPORT: '📊',
  WEBHOOK_DISABLED: '🔌',
};

/** Kinds whose body is the actor's reason, shown as such. */
const REASONED = new Set<NotificationKind>(['TICKET_REJECTED', 'REVISION_REQUESTED']);
/** Kinds whose body is what someone wrote, shown as a quote. */
const QUOTED = new Set<NotificationKind>(['COMMENT_ADDED', 'MENTIONED']);

export type NoticeParts = {
  kind: NotificationKind;
  payload: NoticePayload;
  actor: { displayName: string } | null;
  mentions: readonly MentionTarget[];
  frontendUrl: string | undefined;
  /** The team's time zone (REPORT_TIMEZONE): instants in a notice's own text are shown in it. */
  timeZone: string;
};

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;
const instantFormat = zonedFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/**
 * Notice texts carry instants as ISO 8601 ("Due 2026-11-30T20:01:10.000Z") so each reader sees their own
 * local time; the group chat has one reader's clock, the team's: "Due Mon, 30 Nov 2026, 20:01 UTC".
 */
function teamTimes(text: string, timeZone: string): string {
  const format = instantFormat(timeZone);
  return text.replace(ISO_INSTANT, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  });
}

export function renderNotice({ kind, payload, actor, mentions, frontendUrl, timeZone }: NoticeParts): string {
  const lines = [`${ICON[kind]} <b>${escapeHtml(payload.title)}</b>`];
  if (actor) lines.push(`by ${escapeHtml(actor.displayName)}`);
  const body = payload.body.trim();
  if (body) {
    if (REASONED.has(kind)) lines.push(`Reason: ${escapeHtml(body)}`);
    else if (QUOTED.has(kind)) lines.push(`<blockquote>${escapeHtml(body)}</blockquote>`);
    // Only the server's own texts: what someone wrote is shown as they wrote it.
    else lines.push(escapeHtml(teamTimes(body, timeZone)));
  }
  if (mentions.length) lines.push(mentions.map(mention).join(', '));
  const link = payload.ticketNumber !== null ? ticketLink(frontendUrl, payload.ticketNumber) : null;
  if (link) lines.push(link);
  return lines.join('\n');
}

/** The approval request after someone decided from the chat: who, and the reason for a rejection. */
export function renderDecision(input: {
  ticketNumber: number;
  ticketTitle: string;
  decision: 'APPROVED' | 'REJECTED';
  decidedBy: string;
  reason?: string | null;
  frontendUrl: string | undefined;
}): string {
  const verb = input.decision === 'APPROVED' ? '✅ Approved' : '⛔ Rejected';
  const lines = [`<b>#${input.ticketNumber}: ${escapeHtml(input.ticketTitle)}</b>`, `${verb} by ${escapeHtml(input.decidedBy)}`];
  if (input.reason) lines.push(`Reason: ${escapeHtml(input.reason)}`);
  const link = ticketLink(input.frontendUrl, input.ticketNumber);
  if (link) lines.push(link);
  return lines.join('\n');
}

/** Callback data of the approval buttons (≤ 64 bytes): action, ticket id, the version the message showed. */
export type ApprovalTap = { action: 'approve' | 'reject'; ticketId: string; version: number };

export function approvalCallbackData(tap: ApprovalTap): string {
  return `${tap.action === 'approve' ? 'ap' : 'rj'}:${tap.ticketId}:${tap.version}`;
}

export function parseApprovalCallback(data: string): ApprovalTap | null {
  const match = /^(ap|rj):([0-9a-f-]{36}):(\d{1,9})$/.exec(data);
  if (!match) return null;
  return { action: match[1] === 'ap' ? 'approve' : 'reject', ticketId: match[2] as string, version: Number(match[3]) };
}
