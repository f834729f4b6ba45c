// Domain errors carry the public error code; one adapter (graphql/errors.ts) turns them into GraphQL errors.
// Nothing here knows about GraphQL.

import type { ErrorCode } from './vocabulary.ts';

export type { ErrorCode };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', message);
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, field?: string) {
    super('BAD_USER_INPUT', message, field ? { field } : {});
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(message = 'The record was changed by someone else; reload and try again.') {
    super('CONFLICT', message);
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many attempts; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/** An upload that would pass a byte quota (per user per day, or per ticket). */
export class QuotaExceededError extends DomainError {
  constructor(limit: 'uploadBytesPerUserPerDay' | 'uploadBytesPerTicket', max: number, used: number, message: string) {
    super('QUOTA_EXCEEDED', message, { field: 'file', limit, max, used });
  }
}

/** A one-time password (an admin's reset, create-admin's) opens nothing but its own replacement. */
export class PasswordChangeRequiredError extends DomainError {
  constructor(message = 'Change your one-time password first: nothing else is available until then.') {
    super('PASSWORD_CHANGE_REQUIRED', message);
  }
}
