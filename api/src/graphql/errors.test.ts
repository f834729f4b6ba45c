// The one mapper: what each kind of error looks like to a client, and which ones are the client's doing.
import { PothosValidationError } from '@pothos/core';
import { type GraphQLEnumType, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadInputError, ForbiddenError, RateLimitedError, UnauthenticatedError } from '../domain/errors.ts';
import { ERROR_CODES } from '../domain/vocabulary.ts';
import { ERROR_CODE_MEANINGS, isClientError, PUBLIC_ERROR_CODES, toPublicError } from './errors.ts';

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
});

describe('isClientError', () => {
  it('is true for refusals and unusable input, false for server faults', () => {
    expect(isClientError(new ForbiddenError())).toBe(true);
    expect(isClientError(asGraphQLError(new UnauthenticatedError()))).toBe(true);
    expect(isClientError(asGraphQLError(new PothosValidationError('Invalid cursor')))).toBe(true);
    expect(isClientError(asGraphQLError(new Error('connection refused')))).toBe(false);
    expect(isClientError('a log line')).toBe(false);
  });
});

describe('the published codes', () => {
  it('are every domain code and the masked one, each with its meaning', () => {
    expect(PUBLIC_ERROR_CODES).toEqual([...ERROR_CODES, 'INTERNAL_SERVER_ERROR']);
    expect(Object.keys(ERROR_CODE_MEANINGS).sort()).toEqual([...PUBLIC_ERROR_CODES].sort());
  });

  it("are the schema's ErrorCode enum", async () => {
    const { schema } = await import('./schema.ts');
    const values = (schema.getType('ErrorCode') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(values.sort()).toEqual([...PUBLIC_ERROR_CODES].sort());
  });
});
