// The one mapper: what each kind of error looks like to a client, and which ones are the client's doing.
import { PothosValidationError } from '@pothos/core';
import { type GraphQLEnumType, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadInputError, ForbiddenError, RateLimitedError, UnauthenticatedError } from '../domain/errors.ts';
import { ERROR_CODES } from '../domain/vocabulary.ts';
import { ERROR_CODE_MEANINGS, isClientError, PUBLIC_ERROR_CODES, REQUEST_ERROR_CODES, toPublicError } from './errors.ts';

const asGraphQLError = (error: Error) => new GraphQLError(error.message, { originalError: error, path: ['field'] });

describe('toPublicError', () => {
  it('gives a domain error its code and details, keeping the path', () => {
    const mapped = toPublicError(asGraphQLError(new RateLimitedError(30))) as GraphQLError;
    expect(mapped.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(mapped.path).toEqual(['field']);
    expect((toPublicError(new BadInputError('Too long.', 'title')) as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
  });

  it("maps shield's refusals like any domain error (they are domain errors)", () => {
    expect((toPublicError(asGraphQLError(new UnauthenticatedError())) as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
    expect((toPublicError(asGraphQLError(new ForbiddenError('Only admins can do this.'))) as GraphQLError).message).toBe('Only admins can do this.');
  });

  it('answers an unusable global ID or cursor with BAD_USER_INPUT', () => {
    const mapped = toPublicError(asGraphQLError(new PothosValidationError('Invalid global ID'))) as GraphQLError;
    expect(mapped.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('masks anything else, message and all', () => {
    const mapped = toPublicError(asGraphQLError(new Error('relation "Product" does not exist')), 'Unexpected error.') as GraphQLError;
    expect(mapped.message).toBe('Unexpected error.');
    expect(mapped.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(mapped)).not.toContain('Product');
  });

  it("lets graphql-js's own request errors through as the client's mistake", () => {
    const validation = toPublicError(new GraphQLError('Cannot query field "nope" on type "Query".')) as GraphQLError;
    expect(validation.extensions.code).toBe('BAD_USER_INPUT');
    expect(validation.message).toContain('nope');
  });

  it("keeps the request codes (Yoga's, graphql-js', the query limits') and gives Yoga's uncoded request errors BAD_REQUEST", () => {
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'QUERY_TOO_COMPLEX']) {
      expect((toPublicError(new GraphQLError('refused', { extensions: { code } })) as GraphQLError).extensions.code).toBe(code);
    }
    const uncoded = toPublicError(new GraphQLError('GraphQL only supports GET and POST requests.', { extensions: { http: { status: 405 } } })) as GraphQLError;
    expect(uncoded.extensions).toMatchObject({ code: 'BAD_REQUEST', http: { status: 405 } });
  });

  it('masks a code outside the published ones', () => {
    const mapped = toPublicError(new GraphQLError('Persisted query not found', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })) as GraphQLError;
    expect(mapped.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('isClientError', () => {
  it('is true for refusals and unusable input, false for server faults', () => {
    expect(isClientError(new ForbiddenError())).toBe(true);
    expect(isClientError(asGraphQLError(new UnauthenticatedError()))).toBe(true);
    expect(isClientError(asGraphQLError(new PothosValidationError('Invalid cursor')))).toBe(true);
    expect(isClientError(asGraphQLError(new Error('connection refused')))).toBe(false);
    expect(isClientError('a log line')).toBe(false);
  });

  it('is true for an error already in its public form with a client code, false for the masked one', () => {
    expect(isClientError(new GraphQLError('Too many attempts', { extensions: { code: 'RATE_LIMITED' } }))).toBe(true);
    expect(isClientError(new GraphQLError('Query cost 12 is over the limit of 10.', { extensions: { code: 'QUERY_TOO_COMPLEX' } }))).toBe(true);
    expect(isClientError(new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }))).toBe(false);
    expect(isClientError(new GraphQLError('wrapped', { originalError: new Error('db down'), extensions: { code: 'BAD_REQUEST' } }))).toBe(false);
    // Yoga's own request errors carry a 4xx status, whatever their code.
    expect(
      isClientError(
        new GraphQLError('Could not determine what operation to execute.', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } }),
      ),
    ).toBe(true);
    expect(isClientError(new GraphQLError('Unexpected error.', { extensions: { http: { status: 500 } } }))).toBe(false);
  });
});

describe('the published codes', () => {
  it('are every domain code, the request codes and the masked one, each with its meaning', () => {
    expect(PUBLIC_ERROR_CODES).toEqual([...ERROR_CODES, ...REQUEST_ERROR_CODES, 'INTERNAL_SERVER_ERROR']);
    expect(Object.keys(ERROR_CODE_MEANINGS).sort()).toEqual([...PUBLIC_ERROR_CODES].sort());
  });

  it("are the schema's ErrorCode enum", async () => {
    const { schema } = await import('./schema.ts');
    const values = (schema.getType('ErrorCode') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(values.sort()).toEqual([...PUBLIC_ERROR_CODES].sort());
  });
});
