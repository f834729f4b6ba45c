// Probes: /health says the process answers; /ready that this instance can serve everything it offers — the
// database reachable and migrated, Redis (when configured) connected, the blob store usable. The Dockerfile's
// health check and load balancers ask /ready before sending traffic, often every second from several places,
// so one answer is reused for a short while, and every check has a time limit: a hung party makes /ready slow
// by at most that limit, never hang.
import { pendingMigrations, type RawQueryable } from '../db/migrate.ts';
import type { Logger } from '../logger.ts';
import { type Handler, sendJson } from './router.ts';

export const health: Handler = (_req, res) => sendJson(res, 200, { status: 'ok' });

export type ReadinessReport = {
  status: 'ready' | 'unavailable';
  database: 'ok' | 'unreachable';
  migrations: 'applied' | 'pending' | 'unknown';
  /** Only when REDIS_URL is set. */
  redis?: 'ok' | 'unreachable';
  blobStore: 'ok' | 'unreachable';
};

export type ReadinessDeps = {
  db: RawQueryable;
  /** Resolves true when Redis is usable (redis/connections.ts); absent when REDIS_URL is unset. */
  redis?: { check(): Promise<boolean> } | undefined;
  /** Rejects when the store cannot be written (local disk) or reached (S3 bucket). */
  blobStore: { check(signal: AbortSignal): Promise<void> };
  logger: Logger;
  /** The time limit of each check. */
  timeoutMs?: number;
  /** How long one report answers every probe. */
  cacheMs?: number;
  now?: () => number;
};

export const READINESS_TIMEOUT_MS = 1500;
export const READINESS_CACHE_MS = 2000;

/** One report for every probe within `cacheMs`, and one check at a time however many probes arrive. */
export function createReadinessCheck(deps: ReadinessDeps): () => Promise<ReadinessReport> {
  const timeoutMs = deps.timeoutMs ?? READINESS_TIMEOUT_MS;
  const cacheMs = deps.cacheMs ?? READINESS_CACHE_MS;
  const now = deps.now ?? Date.now;
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;
  let lastLogged = '';

  async function checkAll(): Promise<ReadinessReport> {
    const [migrations, redis, blobStore] = await Promise.all([
      withTimeout(pendingMigrations(deps.db), timeoutMs).then(
        (pending) => (pending.length === 0 ? 'applied' : 'pending'),
        () => 'unknown' as const,
      ),
      deps.redis &&
        withTimeout(deps.redis.check(), timeoutMs).then(
          (ok) => (ok ? 'ok' : 'unreachable'),
          () => 'unreachable' as const,
        ),
      withTimeout(deps.blobStore.check(AbortSignal.timeout(timeoutMs)), timeoutMs).then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
    ]);
    const database = migrations === 'unknown' ? 'unreachable' : 'ok';
    const ready = database === 'ok' && migrations === 'applied' && redis !== 'unreachable' && blobStore === 'ok';
    return { status: ready ? 'ready' : 'unavailable', database, migrations, ...(redis ? { redis } : {}), blobStore };
  }

  /** A line when the answer changes, not one per probe. */
  function logChange(report: ReadinessReport) {
    const line = JSON.stringify(report);
    if (line === lastLogged) return;
    const first = lastLogged === '';
    lastLogged = line;
    if (report.status === 'ready') {
      if (!first) deps.logger.info('ready again', { readiness: report });
    } else deps.logger.warn('not ready', { readiness: report });
  }

  return () => {
    const at = now();
    if (!cached || at - cached.at >= cacheMs) {
      const report = checkAll();
      void report.then(logChange);
      cached = { at, report };
    }
    return cached.report;
  };
}

/** `draining`: the app is shutting down, so it is not ready whatever the checks say. */
export function readiness(check: () => Promise<ReadinessReport>, draining: () => boolean = () => false): Handler {
  return (_req, res) => {
    if (draining()) return sendJson(res, 503, { status: 'shutting down' });
    void check().then((report) => sendJson(res, report.status === 'ready' ? 200 : 503, report));
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
