// The contract's page size: first/last between 1 and 100. The Prisma plugin would silently clamp; a client
// asking for 500 should learn that it gets at most 100. Applied to exactly the fields that take first/last.
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import { BadInputError } from '../domain/errors.ts';

export const MAX_PAGE_SIZE = 100;

const checkPageSize: IMiddlewareFunction = (resolve, root, args: Record<string, unknown>, context, info) => {
  for (const key of ['first', 'last'] as const) {
    const value = args[key];
    if (typeof value === 'number' && (value < 1 || value > MAX_PAGE_SIZE)) {
      throw new BadInputError(`${key} must be between 1 and ${MAX_PAGE_SIZE}.`, key);
    }
  }
  return resolve(root, args, context, info);
};

export function pageSizeMiddleware(schema: GraphQLSchema): IMiddlewareTypeMap {
  const map: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
        map[type.name] = { ...map[type.name], [field.name]: checkPageSize };
      }
    }
  }
  return map as IMiddlewareTypeMap;
}
