// An urql exchange whose code arrives in its own chunk. Its import starts when the client is built (with the
// entry script, in parallel with the page's own chunk), so no page waits to render for it; an operation sent
// before it arrived waits for it, in order, and then goes through it like every later one.
//
// A failed import (a network blip, or a deploy that removed the chunk an open tab still points at) is tried
// again after each of retryDelaysMs. If every try fails, operations go on without the exchange: for the
// normalized cache that costs instant cross-view updates (every query still answers from the network), whereas
// waiting for it would leave every request, sign-in included, hanging forever.
import type { Exchange, Operation } from '@urql/core';
import { fromPromise, makeSubject, mergeMap, pipe, subscribe } from 'wonka';

const RETRY_DELAYS_MS = [500, 1_000, 2_000];

/** Stands in for an exchange that never loaded: hands every operation to the next exchange. */
const passThrough: Exchange =
  ({ forward }) =>
  (operations$) =>
    forward(operations$);

export function lazyExchange(load: () => Promise<Exchange>, retryDelaysMs: readonly number[] = RETRY_DELAYS_MS): Exchange {
  return (input) => (operations$) => {
    const operations = makeSubject<Operation>();
    let waiting: Operation[] | undefined = [];
    pipe(
      operations$,
      subscribe((operation) => {
        if (waiting) waiting.push(operation);
        else operations.next(operation);
      }),
    );
    const flush = () => {
      const queued = waiting ?? [];
      waiting = undefined;
      for (const operation of queued) operations.next(operation);
    };
    return pipe(
      fromPromise(loadOrPassThrough(load, retryDelaysMs)),
      mergeMap((exchange) => {
        const results$ = exchange(input)(operations.source);
        // mergeMap subscribes to results$ right after this returns: only then is the exchange listening.
        queueMicrotask(flush);
        return results$;
      }),
    );
  };
}

/** The loaded exchange, or passThrough once the last retry failed too; never rejects. */
async function loadOrPassThrough(load: () => Promise<Exchange>, retryDelaysMs: readonly number[]): Promise<Exchange> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= retryDelaysMs.length) {
        console.warn(`An exchange failed to load after ${attempt + 1} tries; operations go on without it.`, error);
        return passThrough;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt]));
    }
  }
}
