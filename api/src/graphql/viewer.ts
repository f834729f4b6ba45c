// Resolver helpers for the viewer. Shield already refuses anonymous callers; this gives the domain a
// non-null Viewer and is the second lock on the door.
import type { Context } from '../context.ts';
import { UnauthenticatedError } from '../domain/errors.ts';
import type { Viewer } from '../domain/viewer.ts';

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}
