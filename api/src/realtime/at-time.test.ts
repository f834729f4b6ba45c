import { afterEach, describe, expect, it, vi } from 'vitest';
import { atTime } from './at-time.ts';

afterEach(() => vi.useRealTimers());

describe('atTime', () => {
  it('fires at a moment beyond setTimeout’s range, not at once', () => {
    vi.useFakeTimers();
    const fire = vi.fn();
    const sixtyDays = 60 * 86_400_000;
    atTime(new Date(Date.now() + sixtyDays), fire);
    vi.advanceTimersByTime(sixtyDays - 1000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires at once for a moment past, and never once cancelled', () => {
    vi.useFakeTimers();
    const past = vi.fn();
    atTime(new Date(Date.now() - 1), past);
    const cancelled = vi.fn();
    const cancel = atTime(new Date(Date.now() + 1000), cancelled);
    cancel();
    vi.advanceTimersByTime(2000);
    expect(past).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
