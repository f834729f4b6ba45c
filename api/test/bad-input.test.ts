// Every client mistake is a client error. For every mutation in the printed schema, this test sends wrong
// types, unknown enum values, missing fields, out-of-range numbers, bad dates, NUL characters and unpaired
// surrogates in text, and ids that are well-formed global IDs around something that is not a UUID. No answer
// may be INTERNAL_SERVER_ERROR; malformed values are BAD_USER_INPUT naming the variable and field.
import { readFileSync } from 'node:fs';
import {
  buildSchema,
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
import { type GraphQLResponse, startTestApp, type TestApp } from './support/app.ts';
import { gid } from './support/tickets.ts';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
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

type Case = { label: string; field: string; input: Record<string, unknown>; malformed: boolean };

/** The mutation's input fields, each with the cases that spoil it. */
function casesFor(mutation: GraphQLField<unknown, unknown>): Case[] {
  const inputArg = mutation.args.find((arg) => arg.name === 'input');
  if (!inputArg) return [];
  const inputType = getNullableType(inputArg.type) as GraphQLInputObjectType;
  const base = sampleObject(inputType, 1);
  const fields = Object.values(inputType.getFields());
  const cases: Case[] = [];
  const spoil = (field: GraphQLInputField, label: string, value: unknown, malformed = true) =>
    cases.push({ label, field: field.name, input: { ...base, [field.name]: value }, malformed });
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
  casesFor(mutation).map((entry) => ({ mutation: mutation.name, inputType: String(mutation.args[0]!.type), ...entry })),
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

  it.each(table)('$mutation with $label in $field', async ({ mutation, inputType, input, field, malformed }) => {
    const result: GraphQLResponse = await t.gql(`mutation ($input: ${inputType}) { ${mutation}(input: $input) { __typename } }`, { input }, adminToken);
    const codes = (result.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.length, JSON.stringify(result)).toBeGreaterThan(0);
    expect(codes, JSON.stringify(result.errors)).not.toContain('INTERNAL_SERVER_ERROR');
    if (malformed) {
      expect(codes[0], JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain('$input');
      expect(result.errors![0]!.message).toContain(field);
    }
  });
});
