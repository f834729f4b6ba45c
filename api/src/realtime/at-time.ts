// A timer for a moment any distance away: Node's setTimeout overflows past 2^31-1 ms (24.8 days) and then fires
// at once, and an API token may expire months from now (or never: context.ts NEVER).

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `fire` at `at` (re-armed past the timer's range); returns the cancel. */
export function atTime(at: Date, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    const delay = at.getTime() - Date.now();
    timer = setTimeout(delay > MAX_TIMER_MS ? arm : fire, Math.max(0, Math.min(delay, MAX_TIMER_MS)));
  };
  arm();
  return () => clearTimeout(timer);
}
