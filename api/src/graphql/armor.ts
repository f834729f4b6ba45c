// Limits on what one operation may ask for, so a single request cannot make the server do unbounded work.
// Depth 10 fits the deepest real query (ticket → comments → replies → author → department) with room to spare.
// The cost Armor computes for each accepted document is also what the per-user rate limit charges
// (rate-limit.ts): one cost model, computed once per document (Yoga caches validation per document).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { DocumentNode } from 'graphql';

export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 10_000 } as const;

/** Each validated document's cost (its costliest operation), by document. */
export type QueryCosts = WeakMap<DocumentNode, number>;

export function armorPlugin(costs?: QueryCosts) {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
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
