// Live dashboard numbers. Viewers who see the same tickets share a scope; a burst of changes marks the scope
// dirty and it is recomputed (one SQL aggregate) at most once per interval, and pushed to each subscriber only
// if it differs from what that subscriber was last sent. A failed computation never ends a stream: it is
// tried again once after the interval, and after that the numbers wait for the next change.
import { Repeater } from 'graphql-yoga';
import type { Viewer } from '../domain/viewer.ts';
import type { DashboardCounts, StatsService } from '../services/stats.ts';
import type { RealtimeHub } from './hub.ts';

export const DEFAULT_STATS_INTERVAL_MS = 500;

/** One subscription, with the numbers it was last sent (as JSON), so it never gets the same numbers twice. */
type Subscriber = { push: (counts: DashboardCounts) => void; lastSent: string };

type Scope = {
  viewer: Viewer;
  departmentId: string | null;
  subscribers: Set<Subscriber>;
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
  lastRun: number;
  /** Recomputations failed in a row; the first failure is retried, the second waits for the next change. */
  failures: number;
};

/** Admins all see everything; anyone else's view depends on who they are. */
const scopeKey = (viewer: Viewer, departmentId: string | null) => `${viewer.role === 'ADMIN' ? 'admin' : viewer.id}|${departmentId ?? '*'}`;

export function createDashboardStatsHub(options: {
  hub: Pick<RealtimeHub, 'onTicketEvent'>;
  stats: Pick<StatsService, 'dashboardCounts'>;
  intervalMs?: number;
  onError: (error: unknown) => void;
}) {
  const interval = options.intervalMs ?? DEFAULT_STATS_INTERVAL_MS;
  const scopes = new Map<string, Scope>();

  async function recompute(scope: Scope) {
    scope.timer = undefined;
    scope.dirty = false;
    scope.lastRun = Date.now();
    try {
      const counts = await options.stats.dashboardCounts(scope.viewer, scope.departmentId);
      scope.failures = 0;
      const json = JSON.stringify(counts);
      for (const subscriber of scope.subscribers) {
        if (subscriber.lastSent === json) continue;
        subscriber.lastSent = json;
        subscriber.push(counts);
      }
    } catch (error) {
      scope.failures += 1;
      options.onError(error);
      if (scope.failures === 1) scope.dirty = true;
    }
    if (scope.dirty) schedule(scope);
  }

  function schedule(scope: Scope) {
    scope.dirty = true;
    if (scope.timer || scope.subscribers.size === 0) return;
    const wait = Math.max(0, scope.lastRun + interval - Date.now());
    scope.timer = setTimeout(() => void recompute(scope), wait);
  }

  const unlisten = options.hub.onTicketEvent(() => {
    for (const scope of scopes.values()) schedule(scope);
  });

  return {
    subscribe(viewer: Viewer, departmentId: string | null): Repeater<DashboardCounts> {
      return new Repeater<DashboardCounts>(async (push, stop) => {
        const key = scopeKey(viewer, departmentId);
        let scope = scopes.get(key);
        if (!scope) {
          scope = { viewer, departmentId, subscribers: new Set(), dirty: false, timer: undefined, lastRun: 0, failures: 0 };
          scopes.set(key, scope);
        }
        const own = scope;
        const subscriber: Subscriber = { push: (counts) => void push(counts), lastSent: '' };
        own.subscribers.add(subscriber);
        try {
          // Each subscriber starts from the current numbers.
          const initial = await options.stats.dashboardCounts(viewer, departmentId).catch((error: unknown) => {
            // The scope's next computation (due now, retried once) sends this subscriber its first numbers.
            options.onError(error);
            schedule(own);
            return undefined;
          });
          // A recompute may have sent newer numbers meanwhile; then these are stale and not worth sending.
          if (initial && subscriber.lastSent === '') {
            subscriber.lastSent = JSON.stringify(initial);
            await push(initial);
          }
          await stop;
        } finally {
          own.subscribers.delete(subscriber);
          if (own.subscribers.size === 0) {
            if (own.timer) clearTimeout(own.timer);
            // Only if it is still the scope under this key (an emptied scope is replaced by the next subscriber).
            if (scopes.get(key) === own) scopes.delete(key);
          }
        }
      });
    },
    close() {
      unlisten();
      for (const scope of scopes.values()) if (scope.timer) clearTimeout(scope.timer);
      scopes.clear();
    },
  };
}

export type DashboardStatsHub = ReturnType<typeof createDashboardStatsHub>;
