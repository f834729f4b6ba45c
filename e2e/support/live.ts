// Bounded waits for what another browser changed: the condition must become true within a few seconds,
// without a reload. Not a timing assertion; the bound only keeps a broken live update from hanging the run.
import { vi } from 'vitest';

export const LIVE_TIMEOUT_MS = 8_000;

export async function eventually<T>(label: string, check: () => Promise<T>, timeout = LIVE_TIMEOUT_MS): Promise<T> {
  try {
    return await vi.waitFor(check, { timeout, interval: 150 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${label} (waited ${timeout} ms without reload): ${reason}`);
  }
}
