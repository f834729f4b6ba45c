// The rules a new account's fields must meet, shown to people as they type. The API decides (it refuses with
// BAD_USER_INPUT naming the field); these mirror its checks so the form can say what is missing before sending:
// usernames, e-mail and display names as api/src/domain/users.ts validates them, passwords as
// api/src/auth/passwords.ts (validateNewPassword). The layering lets the web client share only the printed
// schema with the API, so a change there must be made here too.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_DISPLAY_NAME_LENGTH = 100;

const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One rule of a password, met or not, in the words shown beside the field. */
export type PasswordRule = { id: string; label: string; met: boolean };

/** The rules of a new password; `current` adds "differs from the current one" (a password change). */
export function passwordRules(password: string, current?: string): PasswordRule[] {
  const rules: PasswordRule[] = [
    { id: 'min', label: `At least ${MIN_PASSWORD_LENGTH} characters`, met: password.length >= MIN_PASSWORD_LENGTH },
    // An upper bound holds for an empty password: "(not met yet)" there would ask the person to type less than nothing.
    { id: 'max', label: `At most ${MAX_PASSWORD_LENGTH} characters`, met: password.length <= MAX_PASSWORD_LENGTH },
  ];
  if (current !== undefined) {
    rules.push({ id: 'differs', label: 'Different from the current password', met: password.length > 0 && password !== current });
  }
  return rules;
}

export function passwordAcceptable(password: string, current?: string): boolean {
  return passwordRules(password, current).every((rule) => rule.met);
}

/** Usernames are kept in lower case; this is what the server will store. */
export function normalizeUsername(value: string): string {
  return value.trim().toLowerCase();
}

/** Why a username would be refused, in plain words; undefined when it is fine. */
export function usernameProblem(value: string): string | undefined {
  const username = normalizeUsername(value);
  if (!username) return 'Choose a username.';
  if (username.length < 3 || username.length > 32) return 'Use 3 to 32 characters.';
  if (!/^[a-z0-9._-]+$/.test(username)) return 'Use only letters, digits, dots, dashes or underscores.';
  if (!USERNAME.test(username)) return 'Start and end with a letter or digit.';
  return undefined;
}

export function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (!email) return 'Enter your e-mail address.';
  if (!EMAIL.test(email) || email.length > 254) return 'This is not an e-mail address (like name@example.com).';
  return undefined;
}

export function displayNameProblem(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Enter the name your team knows you by.';
  if (name.length > MAX_DISPLAY_NAME_LENGTH) return `Use at most ${MAX_DISPLAY_NAME_LENGTH} characters.`;
  return undefined;
}
