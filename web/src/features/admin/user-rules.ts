// What the "Create user" form checks before sending: the same rules the API applies (api/src/domain/users.ts),
// said in plain words beside the field, so a person fixes them without a round trip.
import type { CreateUserInput, Role } from '../../gql/graphql';

export type NewUser = { username: string; email: string; displayName: string; role: Role; departmentId: string };
export type NewUserField = 'username' | 'email' | 'displayName';
export type NewUserErrors = Partial<Record<NewUserField, string>>;

export const EMPTY_NEW_USER: NewUser = { username: '', email: '', displayName: '', role: 'MEMBER', departmentId: '' };

const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_DISPLAY_NAME_LENGTH = 100;

export const USERNAME_HINT = '3–32 characters: lowercase letters, digits, dot, dash or underscore.';

export function validateNewUser(input: NewUser): NewUserErrors {
  const errors: NewUserErrors = {};
  const username = input.username.trim().toLowerCase();
  if (!username) errors.username = 'Enter a user name.';
  else if (!USERNAME.test(username))
    errors.username = `The user name must be ${USERNAME_HINT.charAt(0).toLowerCase()}${USERNAME_HINT.slice(1, -1)}, starting and ending with a letter or digit.`;
  const email = input.email.trim();
  if (!email) errors.email = 'Enter an e-mail address.';
  else if (!EMAIL.test(email) || email.length > 254) errors.email = 'This is not an e-mail address.';
  const displayName = input.displayName.trim();
  if (!displayName) errors.displayName = 'Enter the name people see.';
  else if (displayName.length > MAX_DISPLAY_NAME_LENGTH) errors.displayName = `At most ${MAX_DISPLAY_NAME_LENGTH} characters.`;
  return errors;
}

/** The mutation's input: trimmed, no password (the server returns a one-time one), no empty department. */
export function toCreateUserInput(input: NewUser): CreateUserInput {
  return {
    username: input.username.trim().toLowerCase(),
    email: input.email.trim(),
    displayName: input.displayName.trim(),
    role: input.role,
    departmentId: input.departmentId || null,
  };
}

export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = [
  { value: 'MEMBER', label: 'Member' },
  { value: 'MANAGER', label: 'Manager' },
  { value: 'ADMIN', label: 'Admin' },
];
