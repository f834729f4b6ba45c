// Preloaded into the API child by bench/fanout.ts (`node --import tsx --import <this> api/src/main.ts`); not part
// of the app. It answers memory probes over the IPC channel the bench opened, and shuts the server down (SIGTERM,
// its normal graceful path) if the bench disappears without stopping it.

export type ProbeRequest = { kind: 'fanout-probe'; id: number; gc: boolean };
export type ProbeReply = {
  kind: 'fanout-probe';
  id: number;
  memory: NodeJS.MemoryUsage;
  /** heapUsed right after a forced full GC (null when the child was started without --expose-gc). */
  heapUsedAfterGc: number | null;
};

function isProbeRequest(value: unknown): value is ProbeRequest {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'fanout-probe' && 'id' in value;
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (!isProbeRequest(message)) return;
    const memory = process.memoryUsage();
    const gc = (globalThis as { gc?: () => void }).gc;
    let heapUsedAfterGc: number | null = null;
    if (message.gc && gc) {
      gc();
      heapUsedAfterGc = process.memoryUsage().heapUsed;
    }
    const reply: ProbeReply = { kind: 'fanout-probe', id: message.id, memory, heapUsedAfterGc };
    process.send?.(reply);
  });
  process.on('disconnect', () => {
    console.error('[fanout-probe] the bench closed its IPC channel: stopping the server');
    process.kill(process.pid, 'SIGTERM');
  });
  process.channel?.unref();
}
