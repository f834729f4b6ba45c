// Security headers on every answer (the web app, GraphiQL, the API, health): a Content-Security-Policy that lets
// a page load and run only this server's own files, connect only back here and be framed by nobody; no
// referrer leaves the app; no sniffing; and, when the request came over TLS, HSTS. Routes that need a
// different policy set their own after this (/files: sandboxed, framed only by the app for its PDF preview).
import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import type { Handler } from './router.ts';

/**
 * What the built web app and GraphiQL need, and nothing more. Styles: ApexCharts inserts a <style> element
 * and style attributes, and Solid writes style attributes, hence 'unsafe-inline' for styles (never scripts).
 * connect-src 'self' covers ws: and wss: to this host (CSP Level 3). Images: thumbnails and the favicon
 * (a data: URL); workers: GraphiQL's editor; fonts: its icon font.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A year; no includeSubDomains or preload: other hosts of the domain are not ours to decide for. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Whether the browser's connection was TLS: this server's own socket, or, behind `trustProxyHops` trusted
 * proxies, the protocol the outermost of them saw (X-Forwarded-Proto, read like X-Forwarded-For).
 */
export function requestOverTls(req: IncomingMessage, trustProxyHops: number): boolean {
  if (req.socket instanceof TLSSocket) return true;
  if (trustProxyHops <= 0) return false;
  const header = req.headers['x-forwarded-proto'];
  const protocols = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return (protocols[protocols.length - trustProxyHops] ?? protocols[0]) === 'https';
}

export function securityHeaders(options: { trustProxyHops: number }): Handler {
  return (req, res, next) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    if (requestOverTls(req, options.trustProxyHops)) res.setHeader('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    next();
  };
}
