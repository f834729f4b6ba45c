// Resolver helpers for the viewer. Shield already refuses anonymous callers; this gives the domain a
// non-null Viewer and is the second lock on the door.
import type { Context } from '../context.ts';
import { UnauthenticatedError } from '../domain/errors.ts';
import type { Viewer } from '../domain/viewer.ts';

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}

/**
 * The accounts a sign-in in this request started a session for (login, register, refreshToken): the payload is
 * addressed to that person, who is not yet the request's viewer, so their own fields read as their own.
 */
const signedInDuring = new WeakMap<Context, Set<string>>();

export function markSignedIn(ctx: Context, userId: string): void {
  const ids = signedInDuring.get(ctx) ?? new Set<string>();
  ids.add(userId);
  signedInDuring.set(ctx, ids);
}

/** The user is the one asking: the viewer, or the person this request just signed in. */
export function isThemselves(ctx: Context, userId: string): boolean {
  return ctx.viewer?.id === userId || (signedInDuring.get(ctx)?.has(userId) ?? false);
}
