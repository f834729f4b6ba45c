import { createEffect, on, onCleanup } from 'solid-js';
import { latestTicketEvent } from '../../lib/ticket-events';

/**
 * Calls `refresh` after tickets change (the live event stream every signed-in page already has), at most once
 * per `intervalMs`: analytics are whole-period aggregates, so a burst of changes costs one recount, not one each.
 */
export function refreshOnTicketChanges(refresh: () => void, intervalMs = 15_000): void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      latestTicketEvent,
      () => {
        if (timer) return;
        const wait = Math.max(0, last + intervalMs - Date.now());
        timer = setTimeout(() => {
          timer = undefined;
          last = Date.now();
          refresh();
        }, wait);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
}
