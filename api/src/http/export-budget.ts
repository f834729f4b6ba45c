// The CSV exports spend from the same per-caller budget as GraphQL operations (auth/query-rate-limit.ts,
// graphql/rate-limit.ts), priced by the work they cover (domain/work-cost.ts): a ticket export by the rows it
// will write (counted first), an analytics export by the days of its range. The price is paid before the
// first byte; past the budget the export is refused with 429, Retry-After and RATE_LIMITED, and every priced
// answer carries the x-ratelimit-* headers GraphQL responses carry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueryRateLimiter } from '../auth/query-rate-limit.ts';
import { callerKey } from '../graphql/rate-limit.ts';
import type { Logger } from '../logger.ts';
import { clientAddress } from './client-address.ts';
import { sendJson } from './router.ts';

export type ExportBudget = {
  /** Spends `cost` for the viewer; false when refused (the 429 is sent then). */
  pay(req: IncomingMessage, res: ServerResponse, viewerId: string, cost: number): Promise<boolean>;
};

/** Without a limiter (RATE_LIMIT_POINTS=0) exports are free, like GraphQL operations. */
export function exportBudget(options: { limiter: QueryRateLimiter | undefined; trustProxyHops: number; logger: Logger }): ExportBudget {
  const { limiter, trustProxyHops, logger } = options;
  return {
    async pay(req, res, viewerId, cost) {
      if (!limiter) return true;
      let outcome: Awaited<ReturnType<QueryRateLimiter['spend']>>;
      try {
        outcome = await limiter.spend(callerKey(viewerId, clientAddress(req, trustProxyHops)), cost);
      } catch (error) {
        // As for GraphQL: a counter store that fails must not take the exports down with it.
        logger.error({ err: error }, 'rate limit not applied to an export');
        return true;
      }
      res.setHeader('x-ratelimit-limit', String(outcome.state.limit));
      res.setHeader('x-ratelimit-remaining', String(outcome.state.remaining));
      res.setHeader('x-ratelimit-reset', String(outcome.state.resetAtSeconds));
      if (outcome.allowed) return true;
      res.setHeader('retry-after', String(outcome.retryAfterSeconds));
      const message = `This export costs ${cost} points; the budget has ${outcome.state.remaining} left. Try again in ${outcome.retryAfterSeconds} s, or narrow it.`;
      sendJson(res, 429, {
        errors: [
          {
            message,
            extensions: {
              code: 'RATE_LIMITED',
              retryAfterSeconds: outcome.retryAfterSeconds,
              limit: 'rate',
              max: outcome.state.limit,
              remaining: outcome.state.remaining,
              cost,
            },
          },
        ],
      });
      return false;
    },
  };
}
