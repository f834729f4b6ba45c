// The synchronous Node ids (synchronous-node-ids.ts) answer what Pothos' own resolvers answer, for every Node type.
import { isInterfaceType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema.ts';
import { synchronousNodeIds } from './synchronous-node-ids.ts';

describe('synchronousNodeIds', () => {
  it("resolves every Node type's id at once, to Pothos' global ID", async () => {
    const node = schema.getType('Node');
    if (!isInterfaceType(node)) throw new Error('no Node interface');
    const types = schema.getPossibleTypes(node);
    expect(types.map((type) => type.name)).toEqual(expect.arrayContaining(['Ticket', 'User', 'Department', 'Comment']));
    const row = { id: '0190f0c4-3c1a-7d6e-8b1a-2c3d4e5f6a7b', number: 7, username: 'someone' };
    const info = { schema } as never;
    const pothos = new Map(types.map((type) => [type.name, type.getFields().id?.resolve]));
    synchronousNodeIds(schema);
    for (const type of types) {
      const expected = await pothos.get(type.name)?.(row, {}, {}, info);
      const answer = type.getFields().id?.resolve?.(row, {}, {}, info);
      expect(answer, type.name).not.toBeInstanceOf(Promise);
      expect(answer, type.name).toBe(expected);
      expect(Buffer.from(String(answer), 'base64').toString(), type.name).toBe(`${type.name}:${row.id}`);
    }
  });
});
