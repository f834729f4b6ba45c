// Why a write to a ticket was refused, in words a person can act on: one explainer for the action runner, the
// workspace's editors, rollback and collaborators. Keyed by the generated `ErrorCode`, so a code the schema
// adds does not compile until it has its words here.
import type { CombinedError } from '@urql/core';
import { type ErrorCode, errorCode } from './graphql-errors';

export type Refusal = {
  message: string;
  /** The ticket changed or moved on: fetch it again, so the next try carries its new version. */
  reload: boolean;
};

type Explanation = { words: string; reload?: boolean; serverWords?: boolean };

const RELOAD_PAGE = 'This page is out of date with the server. Reload the page and try again.';
const OUR_SIDE = 'Something went wrong on our side. Please try again.';

export const EXPLANATIONS = {
  CONFLICT: { words: 'Someone changed this ticket meanwhile; it has been reloaded. Check it and try again — what you typed is kept.', reload: true },
  INVALID_TRANSITION: { words: 'This step is no longer possible: the ticket has moved on. It has been reloaded.', reload: true },
  FORBIDDEN: { words: 'You are not allowed to do this on this ticket.', reload: true },
  NOT_FOUND: { words: 'This ticket no longer exists, or you can no longer see it.' },
  UNAUTHENTICATED: { words: 'Your session ended. Sign in again to continue.' },
  PASSWORD_CHANGE_REQUIRED: { words: 'Change your password first: you signed in with a one-time password.' },
  RATE_LIMITED: { words: 'Too many requests at once. Wait a moment and try again.' },
  // The server's words name the field and what is wrong with it.
  BAD_USER_INPUT: { words: 'Some of what was entered is not valid.', serverWords: true },
  // The server's words say which quota and how much is left.
  QUOTA_EXCEEDED: { words: 'This upload would pass a quota of file space.', serverWords: true },
  QUERY_TOO_COMPLEX: { words: 'This request is larger than the server takes. Reload the page and try again.' },
  BAD_REQUEST: { words: RELOAD_PAGE },
  GRAPHQL_PARSE_FAILED: { words: RELOAD_PAGE },
  GRAPHQL_VALIDATION_FAILED: { words: RELOAD_PAGE },
  // Masked: the server's message says nothing a person can act on.
  INTERNAL_SERVER_ERROR: { words: OUR_SIDE },
} satisfies Record<ErrorCode, Explanation>;

/** The refusal by `extensions.code`; an unknown or missing code keeps the server's message when there is one. */
export function explainRefusal(code: ErrorCode | undefined, serverMessage: string | undefined): Refusal {
  // A server newer than this page may answer a code it does not know yet.
  const explanation: Explanation | undefined = code === undefined ? undefined : (EXPLANATIONS as Partial<Record<string, Explanation>>)[code];
  if (!explanation) return { message: serverMessage ?? OUR_SIDE, reload: false };
  return { message: (explanation.serverWords && serverMessage) || explanation.words, reload: explanation.reload ?? false };
}

/** A failed ticket write explained, the transport's failure included. */
export function explainTicketError(error: CombinedError): Refusal {
  if (error.networkError) return { message: 'Cannot reach the server. Check your connection and try again.', reload: false };
  return explainRefusal(errorCode(error), error.graphQLErrors[0]?.message);
}
