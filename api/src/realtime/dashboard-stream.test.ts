// A failed dashboard computation (the database dropped the connection) never ends a stream: it is retried
// once, and otherwise the numbers come with the next change.
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../domain/viewer.ts';
import type { DashboardCounts } from '../services/stats.ts';
import { createDashboardStatsHub } from './dashboard-stream.ts';
import type { Listener, TicketEventMessage } from './hub.ts';

const viewer: Viewer = { id: 'u1', username: 'admin', role: 'ADMIN', departmentId: null, inCreativeDepartment: false };
const counts = (total: number) => ({ total }) as DashboardCounts;

/** Stand-ins for the hub (a change happened) and the stats query: `fail` makes the next computations throw. */
function setup() {
  const listeners = new Set<Listener<TicketEventMessage>>();
  const state = { total: 1, fail: 0, calls: 0 };
  const errors: unknown[] = [];
  const dashboards = createDashboardStatsHub({
    hub: {
      onTicketEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    stats: {
      dashboardCounts: async () => {
        state.calls += 1;
        if (state.fail > 0) {
          state.fail -= 1;
          throw new Error('Connection terminated unexpectedly');
        }
        return counts(state.total);
      },
    },
    intervalMs: 20,
    onError: (error) => errors.push(error),
  });
  const change = () => {
    for (const listener of listeners) listener({ eventId: '1', ticketId: 't', type: 'UPDATED', actorId: null, at: new Date().toISOString() });
  };
  return { dashboards, state, errors, change };
}

const within = <T>(promise: Promise<T>, ms = 1_000) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);

describe('dashboard stats stream under a failing database', () => {
  it('a failed first computation is retried by the scope: the subscriber gets its numbers, no error', async () => {
    const { dashboards, state, errors } = setup();
    state.fail = 1;
    const stream = dashboards.subscribe(viewer, null);
    const first = await within(stream.next());
    expect(first).toEqual({ done: false, value: counts(1) });
    expect(errors).toHaveLength(1);
    await stream.return();
    dashboards.close();
  });

  it('a change whose computation fails twice is skipped; the stream stays open and the next change arrives', async () => {
    const { dashboards, state, errors, change } = setup();
    const stream = dashboards.subscribe(viewer, null);
    expect((await within(stream.next())).value).toEqual(counts(1));

    state.total = 2;
    state.fail = 2;
    const calls = state.calls;
    change();
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Tried, retried once, then left for the next change.
    expect(state.calls - calls).toBe(2);
    expect(errors).toHaveLength(2);

    state.total = 3;
    change();
    expect(await within(next)).toEqual({ done: false, value: counts(3) });
    await stream.return();
    dashboards.close();
  });
});
