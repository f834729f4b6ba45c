import { Show } from 'solid-js';
import { reconnectNow } from '../lib/client';
import { type SocketState, socketState } from '../lib/socket-state';

const LABELS: Record<SocketState, string> = {
  idle: 'Live',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const HINTS: Record<SocketState, string> = {
  idle: 'Changes appear as they happen',
  connecting: 'Opening the live connection',
  connected: 'Changes appear as they happen',
  reconnecting: 'Live updates are reconnecting: the page shows what it loaded, and changes made meanwhile load once the live connection is back.',
  offline: 'No network. Changes made meanwhile load when you are back online.',
};

/**
 * The live connection's state, in a word and a colour; screen readers hear changes politely. While it is
 * down, "Reconnect" retries at once instead of waiting out the backoff.
 */
export function ConnectionIndicator() {
  return (
    <span class="connection-area">
      <span class={`connection connection-${socketState()}`} role="status" title={HINTS[socketState()]}>
        <span class="connection-dot" aria-hidden="true" />
        <span class="connection-label">{LABELS[socketState()]}</span>
      </span>
      <Show when={socketState() === 'reconnecting'}>
        <button type="button" class="connection-retry" onClick={() => reconnectNow()}>
          Reconnect
        </button>
      </Show>
    </span>
  );
}
