// The built web app (web/dist) at '/'. Vite precompresses every asset (.br, .gz beside it, see
// web/vite.config.ts) and sirv picks the one the browser accepts. Hashed assets under /assets/ never change
// under their name: cached for a year. index.html (and the SPA fallback for client routes) must be
// revalidated, so a deploy reaches everyone at the next load.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';
import type { Handler } from './router.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** A file under /assets/ (with an extension: extensionless paths there fall back to index.html). */
const isHashedAsset = (pathname: string) => pathname.startsWith('/assets/') && /\.\w+$/.test(pathname);

/** undefined when the app is not built (development runs Vite's own server). */
export function webApp(distDir: string): Handler | undefined {
  if (!existsSync(path.join(distDir, 'index.html'))) return undefined;
  const serve = sirv(distDir, {
    single: true,
    brotli: true,
    gzip: true,
    etag: true,
    setHeaders: (res, pathname) => res.setHeader('Cache-Control', isHashedAsset(pathname) ? IMMUTABLE : REVALIDATE),
  });
  return (req, res, next) => {
    // sirv lists the files once and pipes a read stream into the response without listening for its errors: a
    // file gone since start-up (web/dist rebuilt in place) was an unhandled 'error' event that ended the whole
    // process. The status line is already written by then, so this one response is cut; the server stays up.
    res.once('pipe', (source) => source.once('error', () => res.destroy()));
    serve(req, res, next);
  };
}
