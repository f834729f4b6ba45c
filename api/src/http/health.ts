// Probes: /health says the process answers; /ready that the database is reachable and migrated (the
// Dockerfile's health check and load balancers ask it before sending traffic).

import { pendingMigrations, type RawQueryable } from '../db/migrate.ts';
import type { Logger } from '../logger.ts';
import { type Handler, sendJson } from './router.ts';

export const health: Handler = (_req, res) => sendJson(res, 200, { status: 'ok' });

/** `draining`: the app is shutting down, so it is not ready whatever the database says. */
export function readiness(db: RawQueryable, logger: Logger, draining: () => boolean = () => false): Handler {
  return (_req, res) => {
    if (draining()) return sendJson(res, 503, { status: 'shutting down' });
    pendingMigrations(db).then(
      (pending) => {
        const migrated = pending.length === 0;
        sendJson(res, migrated ? 200 : 503, {
          status: migrated ? 'ready' : 'migrations pending',
          database: 'ok',
          migrations: migrated ? 'applied' : 'pending',
        });
      },
      (error: unknown) => {
        logger.warn('readiness check failed', error);
        sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
      },
    );
  };
}
