// Preloaded into the API child by bench/fanout.ts (`node --import tsx --import <this> api/src/main.ts`); not part
// of the app. It answers memory probes over the IPC channel the bench opened, and shuts the server down (SIGTERM,
// its normal graceful path) if the bench disappears without stopping it.

import { constants, PerformanceObserver } from 'node:perf_hooks';

export type ProbeRequest = { kind: 'fanout-probe'; id: number; gc: boolean };
export type ProbeReply = {
  kind: 'fanout-probe';
  id: number;
  memory: NodeJS.MemoryUsage;
  /** heapUsed right after a forced full GC (null when the child was started without --expose-gc). */
  heapUsedAfterGc: number | null;
  /** Garbage-collection pauses since the child started (the probe's own forced GCs left out). */
  gc: GcTotals;
};

export type GcTotals = { minorMs: number; majorMs: number; count: number; longestMs: number };

const gcTotals: GcTotals = { minorMs: 0, majorMs: 0, count: 0, longestMs: 0 };
let probing = false;
// Every pause the server's event loop sat through: scavenges (minor) and mark-compacts (major, and the
// incremental marking steps), the usual suspects of a latency tail.
new PerformanceObserver((list) => {
  if (probing) return;
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcTotals.minorMs += entry.duration;
    else gcTotals.majorMs += entry.duration;
    gcTotals.count += 1;
    gcTotals.longestMs = Math.max(gcTotals.longestMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

function isProbeRequest(value: unknown): value is ProbeRequest {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'fanout-probe' && 'id' in value;
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (!isProbeRequest(message)) return;
    const memory = process.memoryUsage();
    const gc = (globalThis as { gc?: () => void }).gc;
    let heapUsedAfterGc: number | null = null;
    const totals = { ...gcTotals };
    if (message.gc && gc) {
      probing = true;
      gc();
      heapUsedAfterGc = process.memoryUsage().heapUsed;
      // The observer hears of the forced GC a tick later.
      setTimeout(() => {
        probing = false;
      }, 50);
    }
    const reply: ProbeReply = { kind: 'fanout-probe', id: message.id, memory, heapUsedAfterGc, gc: totals };
    process.send?.(reply);
  });
  process.on('disconnect', () => {
    console.error('[fanout-probe] the bench closed its IPC channel: stopping the server');
    process.kill(process.pid, 'SIGTERM');
  });
  process.channel?.unref();
}
