// graphql-shield rules. A refusal is a domain error (UNAUTHENTICATED, FORBIDDEN), returned rather than
// thrown so shield hands it to graphql-js as the field's error; graphql/errors.ts maps it like any other.
import { allow, deny, rule } from 'graphql-shield';
import type { Context } from '../../context.ts';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';

export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => (ctx.viewer ? true : new UnauthenticatedError()));

export const isAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return new UnauthenticatedError();
  return ctx.viewer.role === 'ADMIN' ? true : new ForbiddenError('Only admins can do this.');
});

export const isManagerOrAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  if (!ctx.viewer) return new UnauthenticatedError();
  return ctx.viewer.role === 'MEMBER' ? new ForbiddenError('Only managers and admins can do this.') : true;
});

export { allow, deny };
