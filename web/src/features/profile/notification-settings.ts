// The notification settings as the form holds them, and the rules the API applies to them
// (api/src/domain/notification-preferences.ts: quiet hours are minutes after local midnight, 0–1439, both or
// neither, start ≠ end; a window may span midnight). Pure, tested in notification-settings.test.ts.
import type { NotificationKind } from '../../gql/schema-enums';

/** A person's kinds (the daily report goes to the Telegram group only, never to a person). */
export type PersonalNotificationKind = Exclude<NotificationKind, 'DAILY_REPORT'>;

/** Every personal kind, in the order a person thinks of a ticket's life; a new kind cannot be left out. */
export const NOTIFICATION_KIND_LABELS: Record<PersonalNotificationKind, string> = {
  TICKET_CREATED: 'New requests',
  TICKET_APPROVED: 'Approvals',
  TICKET_REJECTED: 'Rejections',
  TICKET_ASSIGNED: 'Assignments',
  COLLABORATOR_ADDED: 'Added as a collaborator',
  TICKET_STARTED: 'Work started',
  TICKET_COMPLETED: 'Work completed',
  REVISION_REQUESTED: 'Revision requests',
  TICKET_CONFIRMED: 'Confirmations',
  COMMENT_ADDED: 'Comments',
  MENTIONED: 'Mentions of you',
  ATTACHMENT_ADDED: 'New files',
  DEADLINE_REMINDER: 'Deadline reminders',
  TICKET_OVERDUE: 'Overdue tickets',
  ACCOUNT_APPROVED: 'Account approvals',
  WEBHOOK_DISABLED: 'Webhooks turned off',
};

export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KIND_LABELS) as PersonalNotificationKind[];

export type QuietHoursDraft = { enabled: boolean; start: string; end: string };

/** "22:30" → 1350; undefined for anything that is not a time of day. */
export function minutesOfTime(value: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** 1350 → "22:30" (what an `<input type="time">` holds). */
export function timeOfMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The stored window as the form shows it; off (with a usual night as the suggestion) when none is set. */
export function quietHoursDraft(start: number | null | undefined, end: number | null | undefined): QuietHoursDraft {
  if (start == null || end == null) return { enabled: false, start: '22:00', end: '07:00' };
  return { enabled: true, start: timeOfMinutes(start), end: timeOfMinutes(end) };
}

/** Why the quiet hours cannot be saved, in plain words; undefined when they can. */
export function quietHoursProblem(draft: QuietHoursDraft): string | undefined {
  if (!draft.enabled) return undefined;
  const start = minutesOfTime(draft.start);
  const end = minutesOfTime(draft.end);
  if (start === undefined || end === undefined) return 'Give both a start and an end time.';
  if (start === end) return 'Quiet hours must end at another time than they start.';
  return undefined;
}

/** "From 22:00 until 07:00 the next morning": says plainly when a window spans midnight. */
export function describeQuietHours(draft: QuietHoursDraft): string | undefined {
  const start = minutesOfTime(draft.start);
  const end = minutesOfTime(draft.end);
  if (!draft.enabled || start === undefined || end === undefined || start === end) return undefined;
  return end < start ? `From ${draft.start} until ${draft.end} the next day.` : `From ${draft.start} until ${draft.end}.`;
}

/** What the API's updateNotificationPreferences takes for the form's state (muted = every kind not received). */
export function preferencesInput(received: ReadonlySet<NotificationKind>, telegramDm: boolean, quiet: QuietHoursDraft) {
  const mutedKinds = NOTIFICATION_KINDS.filter((kind) => !received.has(kind));
  if (!quiet.enabled) return { mutedKinds, telegramDm, clearQuietHours: true };
  return { mutedKinds, telegramDm, quietHoursStart: minutesOfTime(quiet.start) ?? null, quietHoursEnd: minutesOfTime(quiet.end) ?? null };
}
