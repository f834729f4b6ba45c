// The one Pothos builder: plugins and context type. Types live in types/, one file each.
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../context.ts';
import type PrismaTypes from '../db/generated/pothos-types.ts';
import { getDatamodel } from '../db/generated/pothos-types.ts';
import { BadInputError } from '../domain/errors.ts';
import { createLogger } from '../logger.ts';

const developmentLog = createLogger('warn');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEQUENCE_ID = /^\d{1,18}$/;
/** The nil UUID: never a row's id (ids are UUIDv7). */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    File: { Input: File; Output: never };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [PrismaPlugin, RelayPlugin, SimpleObjectsPlugin, ValidationPlugin],
  // Non-null unless a field says otherwise: nullability is decided on purpose, field by field.
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    maxConnectionSize: 100,
    defaultConnectionSize: 50,
    // A development aid (a resolver that ignores the selection Pothos prepared): a JSON log line, like every
    // other line, instead of Pothos' plain-text console.warn.
    onUnusedQuery:
      process.env.NODE_ENV === 'production'
        ? null
        : (info) => developmentLog.warn(`Prisma query was unused in resolver for ${info.parentType.name}.${info.fieldName}`),
  },
  relay: {
    // Every id we store is a UUID (but a webhook delivery's, a sequence number). A well-formed global ID around
    // anything else names nothing, like any unknown id; it must not reach PostgreSQL, which would refuse it as a
    // server error.
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalID(globalID);
      if (decoded.typename === 'WebhookDelivery' && SEQUENCE_ID.test(decoded.id)) return decoded;
      return UUID.test(decoded.id) ? decoded : { ...decoded, id: NO_SUCH_ID };
    },
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    nodeQueryOptions: {
      // Trashed tickets vanish from node() as from every list. The Ticket type's own loader does not filter
      // them out, because events and mutation payloads still resolve fields of a ticket just trashed.
      resolve: async (_root, args, ctx, _info, resolveNode) => {
        if (args.id.typename === 'Ticket' && (await ctx.prisma.ticket.count({ where: { id: args.id.id, deletedAt: { not: null } } }))) {
          return null;
        }
        return resolveNode(args.id);
      },
    },
    nodesOnConnection: true,
  },
  validation: {
    validationError: (result) => {
      const issue = result.issues[0];
      const field = issue?.path?.map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment))).join('.');
      return new BadInputError(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'Invalid input.'), field);
    },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.scalarType('File', {
  description: 'A file sent in a multipart request (GraphQL multipart request spec).',
  serialize: () => {
    throw new Error('File is an input-only scalar.');
  },
  // A part without a file name arrives as plain text: only a real file part is a File. A plain error, so that
  // graphql-js reports it against the variable (BAD_USER_INPUT naming it, graphql/errors.ts).
  parseValue: (value) => {
    // Yoga's File comes from its fetch ponyfill, not necessarily the global File class: judge it by its shape.
    const file = value as Partial<File> | null;
    if (typeof file === 'object' && file !== null && typeof file.name === 'string' && typeof file.arrayBuffer === 'function') return file as File;
    throw new TypeError('Send the file as a multipart file part with a file name.');
  },
  parseLiteral: () => {
    throw new BadInputError('Send the file as a multipart file part with a file name.', 'file');
  },
});
builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
