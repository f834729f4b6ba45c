// Live dashboard numbers. Viewers who see the same tickets share a scope; a burst of changes marks the scope
// dirty and it is recomputed (one SQL aggregate) at most once per interval, and pushed only if it changed.
import { Repeater } from 'graphql-yoga';
import type { Viewer } from '../domain/viewer.ts';
import type { DashboardCounts, StatsService } from '../services/stats.ts';
import type { RealtimeHub } from './hub.ts';

export const DEFAULT_STATS_INTERVAL_MS = 500;

type Scope = {
  viewer: Viewer;
  departmentId: string | null;
  subscribers: Set<(counts: DashboardCounts) => void>;
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
  lastRun: number;
  lastJson: string | undefined;
};

/** Admins all see everything; anyone else's view depends on who they are. */
const scopeKey = (viewer: Viewer, departmentId: string | null) => `${viewer.role === 'ADMIN' ? 'admin' : viewer.id}|${departmentId ?? '*'}`;

export function createDashboardStatsHub(options: { hub: RealtimeHub; stats: StatsService; intervalMs?: number; onError: (error: unknown) => void }) {
  const interval = options.intervalMs ?? DEFAULT_STATS_INTERVAL_MS;
  const scopes = new Map<string, Scope>();

  async function recompute(scope: Scope) {
    scope.timer = undefined;
    scope.dirty = false;
    scope.lastRun = Date.now();
    try {
      const counts = await options.stats.dashboardCounts(scope.viewer, scope.departmentId);
      const json = JSON.stringify(counts);
      if (json !== scope.lastJson) {
        scope.lastJson = json;
        for (const subscriber of scope.subscribers) subscriber(counts);
      }
    } catch (error) {
      options.onError(error);
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
          scope = { viewer, departmentId, subscribers: new Set(), dirty: false, timer: undefined, lastRun: 0, lastJson: undefined };
          scopes.set(key, scope);
        }
        const own = scope;
        const subscriber = (counts: DashboardCounts) => void push(counts);
        own.subscribers.add(subscriber);
        // Each subscriber starts from the current numbers.
        await push(await options.stats.dashboardCounts(viewer, departmentId));
        await stop;
        own.subscribers.delete(subscriber);
        if (own.subscribers.size === 0) {
          if (own.timer) clearTimeout(own.timer);
          scopes.delete(key);
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
