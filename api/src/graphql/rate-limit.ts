// Rate limiting on query cost, per caller: a signed-in user by id, an anonymous caller by address. Every
// operation spends its cost (the one armor.ts judged against the cost limit with the operation's variables, plus
// the days its analytics cover: range-cost.ts) from the caller's budget before it
// runs, over HTTP and over graphql-ws alike (a subscription spends once, when it is subscribed; the events
// it then receives are free). Past the budget the operation is refused with RATE_LIMITED and, over HTTP,
// status 429 and Retry-After. Every GraphQL HTTP response says where the caller stands, as GitHub's API
// does: x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset (epoch seconds). The price decides whether
// an operation runs; what its answer did not use is then given back (refundUnused), and the response says both:
// x-query-cost-requested and x-query-cost-charged.
import type { IncomingMessage } from 'node:http';
import type { DocumentNode, ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryRateLimiter, RateLimitState } from '../auth/query-rate-limit.ts';
import { bearerToken, type TokenIssuer } from '../auth/tokens.ts';
import type { Context } from '../context.ts';
import { RateLimitedError } from '../domain/errors.ts';
import { clientAddress } from '../http/client-address.ts';
import type { Logger } from '../logger.ts';
import { type QueryCosts, resultCost } from './armor.ts';
import { toPublicError } from './errors.ts';
import { rangeCost } from './range-cost.ts';

/** Who pays: the same key whether it comes from a resolved context or, for a peek, from the request. */
export const callerKey = (viewerId: string | null | undefined, address: string) => (viewerId ? `user:${viewerId}` : `address:${address}`);

/** What an allowed operation was charged for its shape, and by whom: what a refund needs. */
type Charged = { caller: string; shape: number; cost: number; request: Request | undefined };

export function rateLimitPlugin(options: {
  limiter: QueryRateLimiter;
  costs: QueryCosts;
  /** The caller of a request that ran no operation (a parse error, a refused token, GraphiQL). */
  identify: (request: Request, req: IncomingMessage | undefined) => Promise<string>;
  logger: Logger;
}): Plugin<Context> {
  const { limiter, costs } = options;
  /** Where the caller stood after the operation of each HTTP request spent its cost. */
  const spentBy = new WeakMap<Request, RateLimitState>();
  /** What the operation of each HTTP request was priced upfront and what it was charged in the end. */
  const costOf = new WeakMap<Request, { requested: number; charged: number }>();

  async function spend(
    args: {
      document: DocumentNode;
      contextValue: unknown;
      variableValues?: Record<string, unknown> | null | undefined;
      operationName?: string | null | undefined;
    },
    stop: (result: ExecutionResult) => void,
  ) {
    const context = args.contextValue as Context & { request?: Request };
    // The operation's shape and page sizes (armor.ts, for these very arguments) plus the ranges its analytics
    // cover, which the shape cannot show.
    const shape = Math.ceil(costs.get(args) ?? 1);
    const cost = Math.max(1, shape + rangeCost(args.document, args.variableValues, args.operationName));
    const caller = callerKey(context.viewer?.id, context.meta.address);
    let outcome: Awaited<ReturnType<QueryRateLimiter['spend']>>;
    try {
      outcome = await limiter.spend(caller, cost);
    } catch (error) {
      // A counter store that fails (Redis and its in-memory stand-in) must not take the API down with it.
      options.logger.error('rate limit not applied', error);
      return;
    }
    if (context.request) spentBy.set(context.request, outcome.state);
    if (outcome.allowed) {
      if (context.request) costOf.set(context.request, { requested: cost, charged: cost });
      return { caller, shape, cost, request: context.request };
    }
    const error = toPublicError(new RateLimitedError(outcome.retryAfterSeconds)) as GraphQLError;
    // Which limit, its value and what this operation would have cost, like the query limits' refusals (armor.ts).
    Object.assign(error.extensions, { limit: 'rate', max: outcome.state.limit, remaining: outcome.state.remaining, cost });
    // Yoga turns extensions.http into the response's status and headers and leaves it out of the body.
    const http = { status: 429, headers: { 'retry-after': String(outcome.retryAfterSeconds) } };
    stop(context.request ? { errors: [error], extensions: { http } } : { errors: [error] });
    return undefined;
  }

  /**
   * After a query or mutation: the part of its shape's price the answer did not use goes back to the caller
   * (pages not full, bounded lists short of their bound), so a client is charged for what it was sent, not for
   * the most it could have been (the board and the proof view, refetched on every event, cost 8,000 each
   * upfront while their answers are a tenth of that). The upfront charge still decides whether it runs; the
   * ranges analytics cover are never refunded. Streams and subscriptions keep their charge.
   */
  async function refundUnused(charged: Charged, result: unknown) {
    if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
    const unused = charged.shape - resultCost((result as ExecutionResult).data);
    if (unused <= 0) return;
    try {
      const state = await limiter.refund(charged.caller, unused);
      if (charged.request) {
        spentBy.set(charged.request, state);
        costOf.set(charged.request, { requested: charged.cost, charged: charged.cost - unused });
      }
    } catch (error) {
      options.logger.warn('rate limit refund skipped', error);
    }
  }

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const charged = await spend(args, setResultAndStopExecution);
      if (!charged) return;
      return { onExecuteDone: ({ result }) => refundUnused(charged, result) };
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      await spend(args, setResultAndStopExecution);
    },
    async onResponse({ request, response, serverContext }) {
      const req = (serverContext as { req?: IncomingMessage }).req;
      let state = spentBy.get(request);
      try {
        state ??= await limiter.peek(await options.identify(request, req));
      } catch (error) {
        // The headers are a courtesy: a counter store that fails must not fail the response.
        options.logger.warn('rate limit headers skipped', error);
        return;
      }
      response.headers.set('x-ratelimit-limit', String(state.limit));
      response.headers.set('x-ratelimit-remaining', String(state.remaining));
      response.headers.set('x-ratelimit-reset', String(state.resetAtSeconds));
      // Shopify's requestedQueryCost / actualQueryCost: the price that decided whether it ran, and what was spent.
      const cost = costOf.get(request);
      if (cost) {
        response.headers.set('x-query-cost-requested', String(cost.requested));
        response.headers.set('x-query-cost-charged', String(cost.charged));
      }
    },
  };
}

/**
 * The caller of a request that ran no operation, from the request alone: a validly signed access token's
 * user (no database read: the headers only report a budget), else the client's address.
 */
export function identifyCaller(tokens: Pick<TokenIssuer, 'verifyAccessToken'>, trustProxyHops: number) {
  return async (request: Request, req: IncomingMessage | undefined): Promise<string> => {
    const token = bearerToken(request.headers.get('authorization'));
    const userId = token
      ? await tokens.verifyAccessToken(token).then(
          (claims) => claims.userId,
          () => undefined,
        )
      : undefined;
    return callerKey(userId, clientAddress(req, trustProxyHops));
  };
}
