// graphql-ws clients against a test app: one-shot queries and close-code capture.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export function wsClient(url: string, token?: string, options: { onClose?: (code: number, reason: string) => void } = {}): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      closed: (event) => {
        const close = event as { code: number; reason: string };
        options.onClose?.(close.code, close.reason);
      },
    },
    onNonLazyError: () => {},
  });
}

export function wsQuery<T>(client: Client, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: T; errors?: unknown[] } = {};
    client.subscribe<T>(
      { query, ...(variables ? { variables } : {}) },
      {
        next: (value) => {
          result = value as { data?: T; errors?: unknown[] };
        },
        error: reject,
        complete: () => resolve(result),
      },
    );
  });
}
