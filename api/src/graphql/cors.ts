// CORS for the origins in CORS_ORIGINS, and for no other: an unlisted origin (`null` included) gets no CORS
// header at all, so its browser refuses to hand it the answer. Yoga's own origin list answered every unlisted
// origin with `access-control-allow-origin: null` and `allow-credentials: true`, which a sandboxed page (whose
// origin is `null`) could read.
import type { YogaServerOptions } from 'graphql-yoga';

type CorsOption = NonNullable<YogaServerOptions<object, object>['cors']>;

export function corsFor(origins: readonly string[], exposedHeaders: readonly string[]): CorsOption {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    // Checked above; '*' then makes Yoga echo this one origin (never `*`) with `Vary: Origin`.
    return { origin: ['*'], credentials: true, exposedHeaders: [...exposedHeaders] };
  };
}
