// GET /metrics for Prometheus. Metrics tell an outsider how busy the service is and what it runs, so the
// endpoint is off unless METRICS_TOKEN is set, and then answers only `Authorization: Bearer <METRICS_TOKEN>`
// (Prometheus' `authorization: { credentials: ... }` scrape setting).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.ts';
import { type Handler, sendJson } from './router.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function metricsEndpoint(registry: Registry, token: string | undefined, logger: Logger): Handler {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return (req, res) => {
    // Disabled: said plainly (not the web app's page, which the path would fall through to).
    if (!expected) return sendJson(res, 404, { error: 'Metrics are off: set METRICS_TOKEN to serve them.' });
    // Compared as digests: equal lengths, constant time.
    if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return sendJson(res, 401, { error: 'Send Authorization: Bearer <METRICS_TOKEN>.' });
    }
    registry.metrics().then(
      (text) => {
        res.statusCode = 200;
        res.setHeader('content-type', registry.contentType);
        res.setHeader('cache-control', 'no-store');
        res.end(text);
      },
      (error: unknown) => {
        logger.error('collecting metrics failed', error);
        sendJson(res, 500, { error: 'Collecting metrics failed.' });
      },
    );
  };
}
