// An exchange loaded later: what was sent before it arrived goes through it, in order, and nothing is lost.
import { Client, type Exchange, makeResult, type Operation } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { fromValue, map, mergeMap, pipe } from 'wonka';
import { lazyExchange } from './lazy-exchange';

// A plain string, not a gql tag: codegen reads tagged documents against the app's schema.
const hello = 'query Hello($n: Int!) { hello(n: $n) }';

/** Stands for the cache: marks every result that went through it. */
const marking: Exchange =
  ({ forward }) =>
  (operations$) =>
    pipe(
      forward(operations$),
      map((result) => ({ ...result, data: { ...result.data, through: 'lazy' } })),
    );

function setup(load?: () => Promise<Exchange>) {
  const answered: number[] = [];
  const transport: Exchange = () => (operations$) =>
    pipe(
      operations$,
      mergeMap((operation: Operation) => {
        if (operation.kind === 'teardown') return fromValue(makeResult(operation, { data: null }));
        const n = (operation.variables as { n: number }).n;
        answered.push(n);
        return fromValue(makeResult(operation, { data: { hello: n } }));
      }),
    );
  let release: (exchange: Exchange) => void = () => {};
  const loaded = new Promise<Exchange>((resolve) => {
    release = resolve;
  });
  const client = new Client({ url: 'http://test/graphql', exchanges: [lazyExchange(load ?? (() => loaded), [1, 1, 1]), transport] });
  return { client, answered, release };
}

describe('lazyExchange', () => {
  it('holds operations until the exchange loads, then sends them through it in order', async () => {
    const { client, answered, release } = setup();
    const first = client.query(hello, { n: 1 }).toPromise();
    const second = client.query(hello, { n: 2 }).toPromise();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answered).toEqual([]);

    release(marking);
    expect(await first).toMatchObject({ data: { hello: 1, through: 'lazy' } });
    expect(await second).toMatchObject({ data: { hello: 2, through: 'lazy' } });
    expect(answered).toEqual([1, 2]);
  });

  it('sends an operation made after it loaded through it at once', async () => {
    const { client, release } = setup();
    release(marking);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await client.query(hello, { n: 3 }).toPromise()).toMatchObject({ data: { hello: 3, through: 'lazy' } });
  });

  it('tries a failed load again and then sends what waited through it, in order, losing nothing', async () => {
    let tries = 0;
    const { client, answered } = setup(async () => {
      tries += 1;
      if (tries <= 2) throw new TypeError('Failed to fetch dynamically imported module');
      return marking;
    });
    const results = [client.query(hello, { n: 1 }).toPromise(), client.query(hello, { n: 2 }).toPromise()];
    await new Promise((resolve) => setTimeout(resolve, 0));
    results.push(client.query(hello, { n: 3 }).toPromise());

    expect(await Promise.all(results)).toMatchObject([1, 2, 3].map((n) => ({ data: { hello: n, through: 'lazy' } })));
    expect(answered).toEqual([1, 2, 3]);
    expect(tries).toBe(3);
  });

  it('lets operations through without the exchange when every try fails, instead of holding them forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let tries = 0;
    const { client, answered } = setup(() => {
      tries += 1;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    });
    const first = client.query(hello, { n: 1 }).toPromise();
    const second = client.query(hello, { n: 2 }).toPromise();

    expect(await first).toMatchObject({ data: { hello: 1 } });
    expect(await second).toMatchObject({ data: { hello: 2 } });
    expect((await first).data).not.toHaveProperty('through');
    expect(await client.query(hello, { n: 3 }).toPromise()).toMatchObject({ data: { hello: 3 } });
    expect(answered).toEqual([1, 2, 3]);
    expect(tries).toBe(4);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
