// Limits on what one operation may ask for, so a single request cannot make the server do unbounded work.
// Depth 10 fits the deepest real query (ticket → comments → replies → author → department) with room to spare.
// The cost Armor computes for each accepted document is also what the per-user rate limit charges
// (rate-limit.ts): one cost model, computed once per document (Yoga caches validation per document).
// A document over a limit is refused with QUERY_TOO_COMPLEX naming the limit, its value and what the document
// has (Armor's own errors read "Syntax Error: …" and carried no code of ours).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type DocumentNode, GraphQLError, type ValidationContext } from 'graphql';
import type { RequestErrorCode } from './errors.ts';

export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 50, maxCost: 10_000 } as const;

/** Each validated document's cost (its costliest operation), by document. */
export type QueryCosts = WeakMap<DocumentNode, number>;

/** The names a refusal gives its limit in `extensions.limit`. */
export type QueryLimit = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

const REFUSAL_MESSAGES = {
  depth: (found, max) => `Query depth ${found} is over the limit of ${max}.`,
  aliases: (found, max) => `The query has ${found} aliases, over the limit of ${max}.`,
  // The parser stops at the first token over the limit: how many there would have been is not known.
  tokens: (_found, max) => `The query is longer than the limit of ${max} tokens.`,
  directives: (found, max) => `The query has ${found} directives, over the limit of ${max}.`,
  cost: (found, max) => `Query cost ${found} is over the limit of ${max}.`,
} satisfies Record<QueryLimit, (found: number | undefined, max: number) => string>;

/** The refusal of a document over one of the limits. */
export function queryTooComplex(limit: QueryLimit, max: number, found?: number): GraphQLError {
  return new GraphQLError(REFUSAL_MESSAGES[limit](found, max), {
    extensions: { code: 'QUERY_TOO_COMPLEX' satisfies RequestErrorCode, limit, max, ...(found === undefined ? {} : { found }) },
  });
}

/**
 * Armor's own refusal replaced by ours: reported as a validation error (the document is answered like any
 * invalid one, and validation goes on), or, for the token limit, which the parser applies, thrown in its place.
 */
function refuseAs(limit: QueryLimit, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, armorError: GraphQLError) => {
        // Armor says "…, found 12." for every limit but tokens.
        const found = /found ([\d.]+)/.exec(armorError.message)?.[1];
        const refusal = queryTooComplex(limit, max, found === undefined ? undefined : Number(found));
        if (!context) throw refusal;
        context.reportError(refusal);
      },
    ],
  };
}

export function armorPlugin(costs?: QueryCosts) {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ...refuseAs('depth', QUERY_LIMITS.maxDepth) },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...refuseAs('aliases', QUERY_LIMITS.maxAliases) },
    maxTokens: { n: QUERY_LIMITS.maxTokens, ...refuseAs('tokens', QUERY_LIMITS.maxTokens) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...refuseAs('directives', QUERY_LIMITS.maxDirectives) },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      ...refuseAs('cost', QUERY_LIMITS.maxCost),
      onAccept: [
        (context, details: { n: number }) => {
          const document = context?.getDocument();
          if (!document || !costs) return;
          costs.set(document, Math.max(costs.get(document) ?? 0, details.n));
        },
      ],
    },
    // Field suggestions help developers, and GraphiQL has the schema anyway.
    blockFieldSuggestion: { enabled: false },
  });
}
