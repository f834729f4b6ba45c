// The one place that decides what an error looks like to a client: domain errors become GraphQL errors
// with their code, known GraphQL errors pass, anything else is masked (no stack traces, no SQL). Nothing
// else builds GraphQL errors: shield's refusals, the context's token check and the services all throw
// domain errors (domain/errors.ts) and end here.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, Kind } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { DomainError } from '../domain/errors.ts';
import { ERROR_CODES, type ErrorCode } from '../domain/vocabulary.ts';

/** The masked answer to an unexpected error. */
export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';
/**
 * Requests refused before any resolver runs: not a GraphQL request (Yoga's code), not GraphQL (graphql-js' parse
 * error), not valid for the schema (Yoga's code for graphql-js' validation errors), or over a query limit (armor.ts).
 */
export const REQUEST_ERROR_CODES = ['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX'] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
/** Every value of `extensions.code` this API answers with (the schema's `ErrorCode` enum): nothing else reaches a client. */
export const PUBLIC_ERROR_CODES = [...ERROR_CODES, ...REQUEST_ERROR_CODES, INTERNAL_SERVER_ERROR] as const;
export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

/**
 * What each value of `extensions.code` means to a client (the schema's `ErrorCode` enum documents them).
 * `satisfies Record<...>`: a new domain code cannot be added without saying what it means.
 */
export const ERROR_CODE_MEANINGS = {
  UNAUTHENTICATED: 'No valid session: sign in, or refresh the access token.',
  FORBIDDEN: 'The viewer may not do this.',
  BAD_USER_INPUT: 'The input is invalid; `extensions.field` names the field when there is one.',
  NOT_FOUND: 'The record does not exist or the viewer may not read it.',
  CONFLICT: 'A stale `expectedVersion` or a concurrent change: reload and try again.',
  INVALID_TRANSITION: "The ticket's workflow does not allow this action now.",
  RATE_LIMITED: 'Too many attempts; `extensions.retryAfterSeconds` says when to retry.',
  PASSWORD_CHANGE_REQUIRED:
    'The session signed in with a one-time password: only viewer, changePassword, logout, login and refreshToken answer until it is changed.',
  QUOTA_EXCEEDED:
    'An upload would pass a byte quota: `extensions.limit` names it (uploadBytesPerUserPerDay, uploadBytesPerTicket), `extensions.max` is its value and `extensions.used` what is already spent.',
  BAD_REQUEST: 'Not a GraphQL request this server takes: malformed JSON, no query, a mutation over GET, an unsupported method or media type.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not fit the schema (an unknown field, a missing argument, an unused variable).',
  QUERY_TOO_COMPLEX:
    'The document is over a query limit: `extensions.limit` names it (depth, aliases, tokens, directives, cost), `extensions.max` is its value and `extensions.found` what the document has.',
  INTERNAL_SERVER_ERROR: 'An unexpected error, masked: no details are given.',
} as const satisfies Record<PublicErrorCode, string>;

/** Every public code but the masked one: what a client's mistake or a refusal is answered with. */
const CLIENT_CODES = new Set<string>([...ERROR_CODES, ...REQUEST_ERROR_CODES]);

function findDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError ? current.originalError : current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/** Malformed global IDs and cursors (Pothos' validation): the client sent something unusable. */
function findInputError(error: unknown): PothosValidationError | undefined {
  const original = error instanceof GraphQLError ? error.originalError : error;
  return original instanceof PothosValidationError ? original : undefined;
}

/**
 * A variable whose value does not fit its type (wrong type, unknown enum value, missing field, an Int out of
 * range, an invalid DateTime): graphql-js reports it at the variable's definition, wrapping whatever the
 * scalar threw, so it would otherwise look like a server fault.
 */
function findVariableError(error: unknown): { error: GraphQLError; variable: string } | undefined {
  if (!(error instanceof GraphQLError) || error.path) return undefined;
  const definition = error.nodes?.[0];
  return definition?.kind === Kind.VARIABLE_DEFINITION ? { error, variable: definition.variable.name.value } : undefined;
}

/**
 * A refusal or a mistake of the client's (a domain error, an unusable ID, an unfit variable), not a server
 * fault: it is answered, and logged at debug level only.
 */
export function isClientError(error: unknown): boolean {
  if (findDomainError(error) !== undefined || findInputError(error) !== undefined || findVariableError(error) !== undefined) return true;
  // Already in its public form (a refusal built by toPublicError, a query limit), or one of Yoga's request errors:
  // raised by Yoga itself with a 4xx status (several operations and no operationName, say), whatever its code.
  if (!(error instanceof GraphQLError) || error.originalError) return false;
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  return CLIENT_CODES.has(String(error.extensions?.code)) || (status !== undefined && status >= 400 && status < 500);
}

function located(error: unknown, message: string, extensions: Record<string, unknown>): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  return createGraphQLError(message, { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions });
}

export function toPublicError(error: unknown, message?: string): GraphQLError {
  const domainError = findDomainError(error);
  if (domainError) return located(error, domainError.message, { code: domainError.code, ...domainError.details });
  const inputError = findInputError(error);
  if (inputError) return located(error, inputError.message, { code: 'BAD_USER_INPUT' satisfies ErrorCode });
  const variableError = findVariableError(error);
  if (variableError) {
    // graphql-js' message names the variable and the path inside it, and says what was expected.
    return located(error, variableError.error.message, { code: 'BAD_USER_INPUT' satisfies ErrorCode, variable: variableError.variable });
  }
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    // Yoga's streaming body limit, which only an upload can reach (other bodies have a smaller one first);
    // when it cuts off a multipart body, Yoga reports it as invalid multipart data.
    if (code === 'REQUEST_ENTITY_TOO_LARGE' || (code === 'BAD_REQUEST' && error.message.endsWith('Request body too large'))) {
      return located(error, 'The upload is larger than the limit.', {
        code: 'BAD_USER_INPUT' satisfies ErrorCode,
        field: 'file',
        limit: 'uploadSize',
        http: { status: 413 },
      });
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return error;
    // Yoga's own request errors (bad JSON, wrong method) carry an HTTP status; those without a code get one.
    if (!error.originalError && error.extensions?.http)
      return located(error, error.message, { ...error.extensions, code: 'BAD_REQUEST' satisfies RequestErrorCode });
    // Validation and parse errors raised by graphql-js itself.
    if (!error.originalError && !code) return located(error, error.message, { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode });
  }
  return located(error, message ?? 'Unexpected error.', { code: INTERNAL_SERVER_ERROR });
}
