// What the app knows about its one graphql-ws socket: its state, for the live indicator, and where a
// resumable subscription picks up when the socket reconnects. client.ts feeds both from the socket's
// events; nothing here does I/O.
import { createSignal } from 'solid-js';

/**
 * idle: no live view open yet (the socket connects lazily) · connecting: first connection ·
 * connected · reconnecting: lost, trying again with backoff · offline: the browser has no network.
 */
export type SocketState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

const [state, setState] = createSignal<SocketState>('idle');

export const socketState = state;

type SocketEvent =
  | { type: 'connecting'; retry: boolean }
  | { type: 'connected' }
  | { type: 'closed'; code: number | undefined }
  | { type: 'offline' }
  | { type: 'online' };

/** The next state after a socket or network event (pure; exported for tests). */
export function nextSocketState(current: SocketState, event: SocketEvent, browserOnline: boolean): SocketState {
  switch (event.type) {
    case 'connecting':
      return !browserOnline ? 'offline' : event.retry || current === 'reconnecting' ? 'reconnecting' : 'connecting';
    case 'connected':
      return 'connected';
    case 'closed':
      if (!browserOnline) return 'offline';
      // A socket that closes before it was acknowledged failed, whatever its code (a proxy refusing WebSockets
      // may close with 1000; a server that never answers is closed by the acknowledgement timeout): live
      // updates are reconnecting. Only an acknowledged socket closed with 1000 was closed on purpose (lazy
      // close with nothing subscribed, or sign-out).
      if (current === 'connecting' || current === 'reconnecting') return 'reconnecting';
      return event.code === 1000 ? 'idle' : 'reconnecting';
    case 'offline':
      return 'offline';
    case 'online':
      return current === 'offline' ? 'reconnecting' : current;
  }
}

export function noteSocketEvent(event: SocketEvent): void {
  const online = typeof navigator === 'undefined' || navigator.onLine !== false;
  setState((current) => nextSocketState(current, event, online));
}

type Resume = (variables: Record<string, unknown>) => Record<string, unknown>;
const resumers = new Map<string, Resume>();

/**
 * Lets a subscription named `operationName` rewrite its variables each time it is (re)sent: the socket
 * client re-sends a subscription after a reconnect, and a resumable one then asks for what it missed.
 */
export function registerResume(operationName: string, resume: Resume): () => void {
  resumers.set(operationName, resume);
  return () => resumers.delete(operationName);
}

export function resumeVariables(operationName: string | undefined, variables: Record<string, unknown>): Record<string, unknown> {
  const resume = operationName ? resumers.get(operationName) : undefined;
  return resume ? resume(variables) : variables;
}
