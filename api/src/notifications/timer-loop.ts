// The loop every background worker of an instance runs: a pass, then a wait, then the next pass, until stopped.
// Passes never overlap (the next is scheduled when one ends), a failed pass is logged and the loop goes on, and
// stop() waits for the pass in flight so a shutdown never cuts one halfway through its own bookkeeping.

export type TimerLoopOptions<T> = {
  /** One pass of the work; what it returns decides the wait before the next one. */
  pass: () => Promise<T>;
  /** Milliseconds to wait after a pass (undefined: the pass failed). */
  waitAfter: (result: T | undefined) => number;
  onError: (error: unknown) => void;
};

export type TimerLoop = {
  start(): void;
  /** Runs the next pass now instead of after its wait (right after the pass in flight, if one is). */
  wake(): void;
  /** Waits for the pass in flight; no pass starts after this returns. */
  stop(): Promise<void>;
};

export function createTimerLoop<T>({ pass, waitAfter, onError }: TimerLoopOptions<T>): TimerLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let inPass = false;
  let woken = false;

  async function once(): Promise<void> {
    let result: T | undefined;
    inPass = true;
    woken = false;
    try {
      result = await pass();
    } catch (error) {
      onError(error);
    }
    inPass = false;
    if (!stopped) timer = setTimeout(tick, woken ? 0 : waitAfter(result));
  }

  function tick() {
    running = once();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    wake() {
      if (stopped) return;
      if (inPass) {
        woken = true;
        return;
      }
      clearTimeout(timer);
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
