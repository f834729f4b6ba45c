// /ready during a shutdown: 503 whatever the database says, so balancers stop sending traffic.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { readiness } from './health.ts';

function call(handler: ReturnType<typeof readiness>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const res = {
      statusCode: 200,
      setHeader() {},
      end(text: string) {
        resolve({ status: res.statusCode, body: JSON.parse(text) });
      },
    };
    handler({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  });
}

describe('readiness', () => {
  it('turns 503 once the app is draining, without asking the database', async () => {
    const unasked = {
      $queryRawUnsafe: () => {
        throw new Error('the database must not be asked while draining');
      },
    };
    const answer = await call(readiness(unasked, createLogger('silent'), () => true));
    expect(answer).toEqual({ status: 503, body: { status: 'shutting down' } });
  });
});
