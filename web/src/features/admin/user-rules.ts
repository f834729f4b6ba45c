// What the "Create user" form checks before sending: the API's own rules (api/src/domain/users.ts, mirrored in
// lib/account-rules.ts), said in plain words beside the field, so a person fixes them without a round trip.
import type { CreateUserInput, Role } from '../../gql/graphql';
import { displayNameProblem, emailProblem, normalizeUsername, usernameProblem } from '../../lib/account-rules';

export type NewUser = { username: string; email: string; displayName: string; role: Role; departmentId: string };
export type NewUserField = 'username' | 'email' | 'displayName';
export type NewUserErrors = Partial<Record<NewUserField, string>>;

export const EMPTY_NEW_USER: NewUser = { username: '', email: '', displayName: '', role: 'MEMBER', departmentId: '' };

export const USERNAME_HINT = '3–32 characters: lowercase letters, digits, dot, dash or underscore.';

/** The formats are lib/account-rules.ts's (registration checks the same); only the "missing" words differ. */
export function validateNewUser(input: NewUser): NewUserErrors {
  const errors: NewUserErrors = {};
  const found = {
    username: input.username.trim() ? usernameProblem(input.username) : 'Enter a username.',
    email: input.email.trim() ? emailProblem(input.email) : 'Enter an e-mail address.',
    displayName: input.displayName.trim() ? displayNameProblem(input.displayName) : 'Enter the name people see.',
  };
  for (const [field, problem] of Object.entries(found) as [NewUserField, string | undefined][]) {
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** The mutation's input: trimmed, no password (the server returns a one-time one), no empty department. */
export function toCreateUserInput(input: NewUser): CreateUserInput {
  return {
    username: normalizeUsername(input.username),
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
