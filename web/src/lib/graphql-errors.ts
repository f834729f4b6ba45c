// What a failed operation means to a person. The server's messages for known codes are written for users
// (wrong credentials, pending approval, rate limit...); transport failures and masked errors are not.
import type { CombinedError } from '@urql/core';
import type { ErrorCode } from '../gql/schema-enums';

/** The values of `extensions.code`: the schema's `ErrorCode` enum, generated, never written here. */
export type { ErrorCode };

/** The `extensions.code` of the first GraphQL error, if any. */
export function errorCode(error: CombinedError | undefined): ErrorCode | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? (code as ErrorCode) : undefined;
}

export function describeError(error: CombinedError): string {
  if (error.networkError) return 'Cannot reach the server. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  // A masked error's message ("Unexpected error.") says nothing a person can act on.
  if (!first || errorCode(error) === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Please try again.';
  return first.message;
}

/** The input field a BAD_USER_INPUT error names (`extensions.field`), if any. */
export function errorField(error: CombinedError | undefined): string | undefined {
  const field = error?.graphQLErrors[0]?.extensions?.field;
  return typeof field === 'string' ? field : undefined;
}
