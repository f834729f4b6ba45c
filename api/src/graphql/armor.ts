// Limits on what one operation may ask for, so a single request cannot make the server do unbounded work.
// Depth 10 fits the deepest real query (ticket → comments → replies → author → department) with room to spare.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 10_000 } as const;

export function armorPlugin() {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Field suggestions help developers, and GraphiQL has the schema anyway.
    blockFieldSuggestion: { enabled: false },
  });
}
