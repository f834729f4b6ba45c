// A GraphQL over SSE subscriber for tests: the graphql-sse client (distinct connections mode, the one the server
// offers) against the app's /graphql/stream, collecting what arrives.
import type { ExecutionResult } from 'graphql';
import { createClient } from 'graphql-sse';

export type SseSubscription<T> = {
  /** Every result so far, in order (data or errors). */
  results: ExecutionResult<T>[];
  /** The first n results (rejects after `timeoutMs`). */
  until(n: number, timeoutMs?: number): Promise<ExecutionResult<T>[]>;
  /** Resolves when the server ends the stream; rejects with a transport error. */
  ended: Promise<void>;
  stop(): void;
};

/** The stream endpoint beside a GraphQL endpoint URL (http://host:port/graphql). */
export const streamUrlOf = (graphqlUrl: string) => `${graphqlUrl}/stream`;

export function sseSubscribe<T = Record<string, unknown>>(
  graphqlUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): SseSubscription<T> {
  const client = createClient({ url: streamUrlOf(graphqlUrl), headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const results: ExecutionResult<T>[] = [];
  const waiters = new Set<() => void>();
  let settle: { resolve: () => void; reject: (error: unknown) => void } = { resolve: () => {}, reject: () => {} };
  const ended = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  ended.catch(() => {});
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result as ExecutionResult<T>);
        for (const wake of waiters) wake();
      },
      error: (error) => settle.reject(error),
      complete: () => settle.resolve(),
    },
  );
  return {
    results,
    ended,
    until(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (results.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(results.slice(0, n));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${results.length} of ${n} results after ${timeoutMs} ms: ${JSON.stringify(results)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      unsubscribe();
      client.dispose();
    },
  };
}
