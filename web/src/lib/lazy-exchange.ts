// An urql exchange whose code arrives in its own chunk. Its import starts when the client is built (with the
// entry script, in parallel with the page's own chunk), so no page waits to render for it; an operation sent
// before it arrived waits for it, in order, and then goes through it like every later one.
import type { Exchange, Operation } from '@urql/core';
import { fromPromise, makeSubject, mergeMap, pipe, subscribe } from 'wonka';

export function lazyExchange(load: () => Promise<Exchange>): Exchange {
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
      fromPromise(load()),
      mergeMap((exchange) => {
        const results$ = exchange(input)(operations.source);
        // mergeMap subscribes to results$ right after this returns: only then is the exchange listening.
        queueMicrotask(flush);
        return results$;
      }),
    );
  };
}
