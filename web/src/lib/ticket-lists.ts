// The tick that tells open ticket lists to re-query. Pages read it; the cache (cache.ts, loaded in its own chunk
// after the first render) ticks it when a ticket entered or left a cached list.
import { createSignal } from 'solid-js';

const [listsVersion, setListsVersion] = createSignal(0);
let tickScheduled = false;

/** Ticks after a ticket entered or left a cached ticket list: open lists re-query (network-only). */
export const ticketListsChanged = listsVersion;

export function scheduleListsTick(): void {
  if (tickScheduled) return;
  tickScheduled = true;
  // Outside the cache write, and once for a burst of events.
  setTimeout(() => {
    tickScheduled = false;
    setListsVersion((version) => version + 1);
  }, 50);
}
