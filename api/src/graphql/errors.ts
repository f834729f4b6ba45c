// The one place that decides what an error looks like to a client: domain errors become GraphQL errors
// with their code, known GraphQL errors pass, anything else is masked (no stack traces, no SQL).
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { PothosValidationError } from '@pothos/core';
import { DomainError } from '../domain/errors.ts';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

function findDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError ? current.originalError : current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

export function toPublicError(error: unknown, message?: string): Error {
  const domainError = findDomainError(error);
  if (domainError) {
    const graphQLError = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError(domainError.message, {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: { code: domainError.code, ...domainError.details },
    });
  }
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof PothosValidationError) {
    // Malformed global IDs and cursors: the client sent something unusable.
    const graphQLError = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError(original.message, { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) return error;
    // Yoga's own request errors (bad JSON, wrong method) carry an HTTP status and no code: they are safe.
    if (!error.originalError && error.extensions?.http) return error;
    if (!error.originalError && !code) {
      // Validation and parse errors raised by graphql-js itself.
      return createGraphQLError(error.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
      });
    }
  }
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  return createGraphQLError(message ?? 'Unexpected error.', {
    nodes: graphQLError?.nodes,
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
