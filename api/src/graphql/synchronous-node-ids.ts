// Every Node's `id` resolved synchronously. Pothos' relay plugin resolves a node's global ID in an async
// function, so each ticket, person and department of an answer carried a promise the executor had to wait for:
// per object an extra promise, a microtask and the executor's slower path for objects with pending fields (a
// board page: 200 of them). The ID is the same base64 of `Type:id` Pothos writes (synchronous-node-ids.test.ts
// holds every Node type to Pothos' own answer); every Node type here is a Prisma model keyed by its `id` column.

import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLSchema, isInterfaceType } from 'graphql';

export function synchronousNodeIds(schema: GraphQLSchema): GraphQLSchema {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) return schema;
  for (const type of schema.getPossibleTypes(node)) {
    const id = type.getFields().id;
    if (id) id.resolve = (parent: { id: unknown }) => encodeGlobalID(type.name, String(parent.id));
  }
  return schema;
}
