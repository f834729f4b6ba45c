import { describe, expect, it } from 'vitest';
import { createTimerLoop } from './timer-loop.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createTimerLoop', () => {
  it('runs passes one after another, waits what the last result asks, survives a failure and stops after the pass in flight', async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    let inFlight = 0;
    let calls = 0;
    const waits: (number | undefined)[] = [];
    const loop = createTimerLoop({
      pass: async () => {
        calls += 1;
        inFlight += 1;
        expect(inFlight).toBe(1);
        await sleep(5);
        inFlight -= 1;
        if (calls === 2) throw new Error('boom');
        log.push(`pass ${calls}`);
        return calls;
      },
      waitAfter: (result) => {
        waits.push(result);
        return result === undefined ? 1 : 0;
      },
      onError: (error) => errors.push(error),
    });
    loop.start();
    loop.start(); // a second start changes nothing
    while (calls < 4) await sleep(1);
    await loop.stop();
    const after = calls;
    await sleep(30);
    expect(calls).toBe(after);
    expect(inFlight).toBe(0);
    expect(errors).toHaveLength(1);
    expect(waits.slice(0, 3)).toEqual([1, undefined, 3]);
    expect(log.slice(0, 2)).toEqual(['pass 1', 'pass 3']);
  });

  it('wake runs the next pass now instead of after its wait, once after a pass in flight, never two at once', async () => {
    let calls = 0;
    let inFlight = 0;
    let release: (() => void) | undefined;
    const loop = createTimerLoop({
      pass: async () => {
        calls += 1;
        inFlight += 1;
        expect(inFlight).toBe(1);
        if (calls === 3) await new Promise<void>((resolve) => (release = resolve));
        inFlight -= 1;
      },
      waitAfter: () => 60_000,
      onError: () => {},
    });
    loop.wake(); // not started: nothing
    expect(calls).toBe(0);
    loop.start();
    await sleep(5);
    expect(calls).toBe(1);
    loop.wake(); // idle, waiting a minute: runs now
    await sleep(5);
    expect(calls).toBe(2);
    loop.wake();
    await sleep(5);
    expect(calls).toBe(3); // in flight, held
    loop.wake();
    loop.wake();
    release?.();
    await sleep(5);
    expect(calls).toBe(4); // one more pass for the wakes during the pass, not a minute later
    await sleep(20);
    expect(calls).toBe(4);
    await loop.stop();
  });
});
