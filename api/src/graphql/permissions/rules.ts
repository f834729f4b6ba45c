// graphql-shield rules. Each refuses with a GraphQLError carrying the public code (a plain Error or string
// would be masked as "Unexpected error.").
import { GraphQLError } from 'graphql';
import { allow, deny, rule } from 'graphql-shield';
import type { Context } from '../../context.ts';

export const unauthenticated = () =>
  new GraphQLError('Authentication required.', { extensions: { code: 'UNAUTHENTICATED' } });
export const forbidden = (message = 'You are not allowed to do this.') =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) =>
  ctx.viewer ? true : unauthenticated(),
);

export const isAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return unauthenticated();
  return ctx.viewer.role === 'ADMIN' ? true : forbidden('Only admins can do this.');
});

export const isManagerOrAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return unauthenticated();
  return ctx.viewer.role === 'MEMBER' ? forbidden('Only managers and admins can do this.') : true;
});

export { allow, deny };
