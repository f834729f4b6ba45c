// Bounded waits for what another browser changed: the condition must become true without a reload. Not a
// timing assertion: the bound only keeps a broken live update from hanging the run, and it is generous
// because CI machines here have two cores shared by the app, its database and up to a dozen tabs.
import { vi } from 'vitest';

export const LIVE_TIMEOUT_MS = 15_000;

export async function eventually<T>(label: string, check: () => Promise<T>, timeout = LIVE_TIMEOUT_MS): Promise<T> {
  const started = performance.now();
  try {
    const result = await vi.waitFor(check, { timeout, interval: 150 });
    console.log(`seen after ${Math.round(performance.now() - started)} ms: ${label}`);
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${label} (waited ${timeout} ms without reload): ${reason}`);
  }
}
