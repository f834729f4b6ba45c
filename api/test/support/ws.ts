// graphql-ws clients against a test app: one-shot queries and close-code capture.
import { type Client, createClient } from 'graphql-ws';
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

/** A live subscription that collects every result; `next(n)` waits until n more have arrived. */
export function collect<T>(client: Client, query: string, variables?: Record<string, unknown>) {
  const received: T[] = [];
  const errors: unknown[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const settle = () => {
    waiters = waiters.filter((waiter) => {
      if (received.length >= waiter.count) waiter.resolve();
      return received.length < waiter.count;
    });
  };
  const unsubscribe = client.subscribe<T>(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(value.data as T);
        settle();
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    /** Resolves once `count` results in total have arrived (rejects after timeoutMs). */
    until(count: number, timeoutMs = 10_000): Promise<T[]> {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${count} results, got ${received.length}: ${JSON.stringify(received)} ${JSON.stringify(errors)}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    stop: unsubscribe,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
