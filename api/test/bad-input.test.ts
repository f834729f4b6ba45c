// Every client mistake is a client error. For every mutation in the printed schema, this test sends wrong
// types, unknown enum values, missing fields, out-of-range numbers, bad dates, NUL characters and unpaired
// surrogates in text, and ids that are well-formed global IDs around something that is not a UUID. No answer
// may be INTERNAL_SERVER_ERROR; malformed values are BAD_USER_INPUT naming the variable and field. Requests that
// are not GraphQL, not valid for the schema or over a limit get their own codes, and a refusal at a limit names
// the limit and its value. Every code any of these answers carries is a value of the published ErrorCode enum.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import {
  buildSchema,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/graphql/armor.ts';
import { type GraphQLResponse, startTestApp, type TestApp } from './support/app.ts';
import { gid } from './support/tickets.ts';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
/** What a client may be told in `extensions.code`: the published enum. */
const ERROR_CODES = (schema.getType('ErrorCode') as GraphQLEnumType).getValues().map((value) => value.name);
const FUTURE = new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A value of the right type for the field, so that only the part a case spoils is wrong. */
function sample(type: GraphQLInputType, depth = 0): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType, depth)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) return sampleObject(inner, depth + 1);
  switch (inner.name) {
    case 'ID':
      return gid('Ticket', '01900000-0000-7000-8000-000000000000');
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return FUTURE;
    case 'JSON':
      return {};
    default:
      return 'text';
  }
}

function sampleObject(type: GraphQLInputObjectType, depth: number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of Object.values(type.getFields())) {
    if (isNonNullType(field.type) || depth === 1) value[field.name] = sample(field.type, depth);
  }
  return value;
}

/** malformed: GraphQL itself refuses it (BAD_USER_INPUT naming $input), unless byDomain: a JSON field takes any value and the domain refuses it. */
type Case = { label: string; field: string; input: Record<string, unknown>; malformed: boolean; byDomain?: boolean };

/** The mutation's input fields, each with the cases that spoil it. */
function casesFor(mutation: GraphQLField<unknown, unknown>): Case[] {
  const inputArg = mutation.args.find((arg) => arg.name === 'input');
  if (!inputArg) return [];
  const inputType = getNullableType(inputArg.type) as GraphQLInputObjectType;
  const base = sampleObject(inputType, 1);
  const fields = Object.values(inputType.getFields());
  const cases: Case[] = [];
  const spoil = (field: GraphQLInputField, label: string, value: unknown, malformed = true) =>
    cases.push({ label, field: field.name, input: { ...base, [field.name]: value }, malformed, byDomain: getNamedType(field.type).name === 'JSON' });
  for (const field of fields) {
    const inner = getNullableType(field.type);
    const scalar = isListType(inner) ? getNullableType(inner.ofType) : inner;
    const wrap = (value: unknown) => (isListType(inner) ? [value] : value);
    spoil(field, 'a value of the wrong type', wrap(isInputObjectType(scalar) ? 'not an object' : { not: 'a scalar' }));
    if (isNonNullType(field.type)) {
      const { [field.name]: _omitted, ...missing } = base;
      cases.push({ label: 'a missing required field', field: field.name, input: missing, malformed: true });
    }
    if (isEnumType(scalar)) spoil(field, 'an unknown enum value', wrap('NOT_A_VALUE'));
    if (isScalarType(scalar) && scalar.name === 'Int') spoil(field, 'an Int above 2^31', wrap(2 ** 31));
    if (isScalarType(scalar) && scalar.name === 'DateTime') spoil(field, 'an invalid date', wrap('the day after tomorrow'));
    if (isScalarType(scalar) && scalar.name === 'String') {
      spoil(field, 'a NUL character', wrap('before\u0000after'));
      spoil(field, 'an unpaired surrogate', wrap('before\uD83Dafter'));
    }
    // Well-formed, but around something that is not an id at all: unknown, like any id that names nothing.
    if (isScalarType(scalar) && scalar.name === 'ID') spoil(field, 'a global ID around a non-UUID', wrap(gid('Ticket', 'not-a-uuid')), false);
  }
  return cases;
}

const mutations = Object.values(schema.getMutationType()!.getFields()).filter(
  (mutation) =>
    // File uploads go through the multipart spec (a File cannot be sent as JSON); attachments.test.ts covers them.
    !mutation.args.some((arg) => {
      const type = getNamedType(arg.type);
      return type.name === 'File' || (isInputObjectType(type) && Object.values(type.getFields()).some((field) => getNamedType(field.type).name === 'File'));
    }),
);
const table = mutations.flatMap((mutation) =>
  casesFor(mutation).map((entry) => ({
    mutation: mutation.name,
    inputType: String(mutation.args[0]!.type),
    // A bulk action lists what it refused, ticket by ticket, instead of throwing: those codes count too.
    selection: getNamedType(mutation.type).name === 'BulkTicketsPayload' ? '__typename refused { code }' : '__typename',
    ...entry,
  })),
);

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await t.login('admin')).accessToken;
});
afterAll(() => t.close());

describe('bad input to every mutation is a client error', () => {
  it('covers every mutation that takes an input', () => {
    expect(new Set(table.map((row) => row.mutation)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(table)('$mutation with $label in $field', async ({ mutation, inputType, selection, input, field, malformed, byDomain }) => {
    const result: GraphQLResponse = await t.gql(`mutation ($input: ${inputType}) { ${mutation}(input: $input) { ${selection} } }`, { input }, adminToken);
    const refused = ((result.data?.[mutation] as { refused?: { code: string }[] } | null)?.refused ?? []).map((refusal) => refusal.code);
    const codes = [...(result.errors ?? []).map((error) => error.extensions?.code), ...refused];
    expect(codes.length, JSON.stringify(result)).toBeGreaterThan(0);
    expect(codes, JSON.stringify(result.errors)).not.toContain('INTERNAL_SERVER_ERROR');
    for (const code of codes) expect(ERROR_CODES).toContain(code);
    if (malformed) {
      expect(codes[0], JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
      if (!byDomain) expect(result.errors![0]!.message).toContain('$input');
      expect(result.errors![0]!.message).toContain(field);
    }
  });
});

const repeat = (count: number, text: string) => Array.from({ length: count }, (_, index) => text.replaceAll('#', String(index))).join(' ');
/** Each level one deeper: viewer → department → members → department → … */
const nested = (levels: number) => `{ viewer { ${'department { members { '.repeat(levels)}id${' } }'.repeat(levels)} } }`;

type Answer = { status: number; body: GraphQLResponse };
async function send(init: RequestInit & { path?: string } = {}): Promise<Answer> {
  const response = await fetch(t.url + (init.path ?? ''), init);
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}
const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('each query limit is refused with QUERY_TOO_COMPLEX, naming the limit and its value', () => {
  const limits = [
    { limit: 'depth', max: QUERY_LIMITS.maxDepth, query: nested(6), message: /^Query depth \d+ is over the limit of 10\.$/ },
    {
      limit: 'aliases',
      max: QUERY_LIMITS.maxAliases,
      query: `{ ${repeat(16, 'a#: viewer { id }')} }`,
      message: /^The query has 16 aliases, over the limit of 15\.$/,
    },
    {
      limit: 'tokens',
      max: QUERY_LIMITS.maxTokens,
      query: `{ ${repeat(2001, '__typename')} }`,
      message: /^The query is longer than the limit of 2000 tokens\.$/,
    },
    {
      limit: 'directives',
      max: QUERY_LIMITS.maxDirectives,
      query: `{ ${repeat(51, 'a#: __typename @include(if: true)')} }`,
      message: /^The query has 51 directives, over the limit of 50\.$/,
    },
    {
      limit: 'cost',
      max: QUERY_LIMITS.maxCost,
      query: '{ tickets(first: 100) { nodes { comments(first: 100) { nodes { id body } } } } }',
      message: /^Query cost \d+ is over the limit of 10000\.$/,
    },
  ];

  it.each(limits)('$limit (max $max)', async ({ limit, max, query, message }) => {
    const { body } = await postJson({ query }, { authorization: `Bearer ${adminToken}` });
    expect(body.data ?? undefined).toBeUndefined();
    const refusal = body.errors!.find((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX');
    expect(refusal, JSON.stringify(body.errors)).toBeDefined();
    expect(refusal!.message).toMatch(message);
    expect(refusal!.extensions).toMatchObject({ limit, max });
    if (limit !== 'tokens') expect(refusal!.extensions!.found).toBeGreaterThan(max);
  });

  it('accepts a document at each limit', async () => {
    const atLimits = [nested(4), `{ ${repeat(15, 'a#: viewer { id }')} }`, `{ ${repeat(50, 'a#: __typename @include(if: true)')} }`];
    for (const query of atLimits) {
      const { body } = await postJson({ query }, { authorization: `Bearer ${adminToken}` });
      expect(body.errors, query.slice(0, 80)).toBeUndefined();
    }
  });
});

describe('the request limits say which limit and its value', () => {
  it('a body over REQUEST_BODY_MAX_BYTES: 413', async () => {
    const max = t.config.requestBodyMaxBytes;
    const answer = await postJson({ query: '{ __typename }', variables: { padding: 'x'.repeat(max) } });
    expect(answer.status).toBe(413);
    expect(answer.body.errors![0]!.message).toBe(`The request body is larger than the limit of ${max} bytes.`);
    expect(answer.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'bodySize', max });
  });

  it('an upload over UPLOAD_MAX_BYTES: 413', async () => {
    const max = t.config.uploadMaxBytes;
    // Refused from the declared length: the body is never read (nor sent, here).
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        t.url,
        { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(max * 2), 'x-graphql-yoga-csrf': '1' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(response.status).toBe(413);
    const body = JSON.parse(response.body) as GraphQLResponse;
    // In words, not bytes (10485760 is "10 MB").
    expect(body.errors![0]!.message).toBe(`This file is too large: files up to ${max / 1024 / 1024} MB can be attached.`);
    expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file', limit: 'uploadSize', max });
  });
});

describe('requests that are not valid GraphQL get a published code', () => {
  const cases: { label: string; request: () => Promise<Answer>; code: string }[] = [
    { label: 'a syntax error', request: () => postJson({ query: '{ viewer {' }), code: 'GRAPHQL_PARSE_FAILED' },
    { label: 'an unknown field', request: () => postJson({ query: '{ nope }' }), code: 'GRAPHQL_VALIDATION_FAILED' },
    { label: 'an unused variable', request: () => postJson({ query: 'query ($n: Int) { __typename }' }), code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      label: 'malformed JSON',
      request: () => send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' }),
      code: 'BAD_REQUEST',
    },
    { label: 'no query', request: () => postJson({ variables: {} }), code: 'BAD_REQUEST' },
    { label: 'a mutation over GET', request: () => send({ path: `?query=${encodeURIComponent('mutation { logout { ok } }')}` }), code: 'BAD_REQUEST' },
    {
      label: 'an unsupported method',
      request: () => send({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
      code: 'BAD_REQUEST',
    },
    {
      label: 'several operations and no operationName',
      request: () => postJson({ query: 'query A { __typename } query B { __typename }' }),
      code: 'BAD_REQUEST',
    },
    {
      label: 'a text/plain POST without the CSRF header',
      request: () => send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      code: 'BAD_USER_INPUT',
    },
  ];

  it.each(cases)('$label: $code', async ({ request, code }) => {
    const { body } = await request();
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes[0], JSON.stringify(body)).toBe(code);
    for (const each of codes) expect(ERROR_CODES).toContain(each);
  });
});
