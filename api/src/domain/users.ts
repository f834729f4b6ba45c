// Rules for accounts: who may change what about a user. Pure; the service loads and writes.
import { BadInputError, ForbiddenError } from './errors.ts';
import { isAdmin, type Role, type Viewer } from './viewer.ts';

export type UserChange = {
  displayName?: string | null;
  email?: string | null;
  telegramUsername?: string | null;
  timeZone?: string | null;
  role?: Role | null;
  departmentId?: string | null;
  isActive?: boolean | null;
};

const PROFILE_FIELDS = ['displayName', 'email', 'telegramUsername', 'timeZone'] as const;
const ADMIN_FIELDS = ['role', 'departmentId', 'isActive'] as const;

const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;

export function validateUsername(username: string): string {
  const normalized = username.trim().toLowerCase();
  if (!USERNAME.test(normalized)) {
    throw new BadInputError(
      'username must be 3–32 characters: lowercase letters, digits, dot, dash or underscore, starting and ending with a letter or digit.',
      'username',
    );
  }
  return normalized;
}

export function validateEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) || normalized.length > 254) {
    throw new BadInputError('email is not a valid address.', 'email');
  }
  return normalized;
}

export function validateTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw new BadInputError(`timeZone "${timeZone}" is not an IANA time zone.`, 'timeZone');
  }
}

export const MAX_DISPLAY_NAME_LENGTH = 100;

export function validateDisplayName(value: string): string {
  const displayName = value.trim();
  if (!displayName) throw new BadInputError('displayName is required.', 'displayName');
  if (displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    throw new BadInputError(`displayName must be at most ${MAX_DISPLAY_NAME_LENGTH} characters.`, 'displayName');
  }
  return displayName;
}

/** Telegram's own rule for usernames (5–32 letters, digits or underscores); kept without the @. Empty clears it. */
export function validateTelegramUsername(value: string | null): string | null {
  const username = value?.trim().replace(/^@/, '') || null;
  if (username && !/^[A-Za-z0-9_]{5,32}$/.test(username)) {
    throw new BadInputError('telegramUsername must be 5–32 letters, digits or underscores.', 'telegramUsername');
  }
  return username;
}

/** The fields every new account needs, normalized; refuses with the field named. */
export function validateAccountFields(input: { username: string; email: string; displayName: string }) {
  return { username: validateUsername(input.username), email: validateEmail(input.email), displayName: validateDisplayName(input.displayName) };
}

/**
 * Decides whether `viewer` may apply `change` to user `targetId`.
 * Self: profile fields only. Admins: everything, except changing their own role or deactivating themselves
 * (that is how the last admin locks everyone out).
 */
export function assertMayUpdateUser(viewer: Viewer, targetId: string, change: UserChange): void {
  const touched = (fields: readonly (keyof UserChange)[]) => fields.filter((field) => change[field] !== undefined);
  const adminFieldsTouched = touched(ADMIN_FIELDS);
  const isSelf = viewer.id === targetId;
  if (!isAdmin(viewer)) {
    if (!isSelf) throw new ForbiddenError('Only admins can change other users.');
    if (adminFieldsTouched.length > 0) {
      throw new ForbiddenError(`Only admins can change ${adminFieldsTouched.join(', ')}.`);
    }
    return;
  }
  if (isSelf && change.role !== undefined && change.role !== null && change.role !== viewer.role) {
    throw new ForbiddenError('Admins cannot change their own role.');
  }
  if (isSelf && change.isActive === false) {
    throw new ForbiddenError('Admins cannot deactivate themselves.');
  }
  for (const field of PROFILE_FIELDS) {
    if (change[field] === null) throw new BadInputError(`${field} cannot be null.`, field);
  }
}
