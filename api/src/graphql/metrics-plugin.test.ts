// Metric labels come from bounded sets: an operation's name only when the web client sends an operation of that
// name and type (the list codegen writes from its documents), else `other`.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KNOWN_OPERATIONS } from './generated/known-operations.ts';
import { OTHER_OPERATION, operationLabels } from './metrics-plugin.ts';

describe('operationLabels', () => {
  it("names the web client's operations, with their type", () => {
    expect(KNOWN_OPERATIONS.get('Login')).toBe('mutation');
    expect(operationLabels(parse('mutation Login { logout { ok } }'))).toEqual({ operationName: 'Login', operationType: 'mutation' });
  });

  it('labels any other name, a known name of another type, and anonymous operations as other', () => {
    expect(operationLabels(parse('query Invented123 { __typename }'))).toEqual({ operationName: OTHER_OPERATION, operationType: 'query' });
    expect(operationLabels(parse('query Login { __typename }'))).toEqual({ operationName: OTHER_OPERATION, operationType: 'query' });
    expect(operationLabels(parse('{ __typename }'))).toEqual({ operationName: OTHER_OPERATION, operationType: 'query' });
    // Names that are also properties of every object are names like any other.
    expect(operationLabels(parse('query constructor { __typename }')).operationName).toBe(OTHER_OPERATION);
  });

  it('labels the operation the request chose from several, and none when it chose none that exists', () => {
    const document = parse('mutation Login { logout { ok } } query Other { __typename }');
    expect(operationLabels(document, 'Login')).toEqual({ operationName: 'Login', operationType: 'mutation' });
    expect(operationLabels(document, 'Missing')).toEqual({ operationName: OTHER_OPERATION, operationType: 'none' });
  });
});
