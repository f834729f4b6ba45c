// The cost of the data an operation's arguments ask for, which Armor's cost (the shape of the document)
// cannot see: `analytics` over 400 days does 400 times the work of one day, and 15 aliases of it 15 times
// that. Priced by the days each top-level `analytics` or `monthlyReport` covers, and a fixed price per `search`
// (domain/work-cost.ts), read from the document and its variables before the operation runs, and added to what
// the rate limit charges. Bulk ticket mutations are priced by the tickets they name, as many single mutations.
import { type ArgumentNode, type DocumentNode, getOperationAST, Kind, type SelectionSetNode, valueFromASTUntyped } from 'graphql';
import { analyticsCost, BULK_COST_PER_TICKET, BULK_TICKET_MUTATIONS, COST_PER_ANALYTICS_DAY, MONTHLY_REPORT_DAYS, SEARCH_COST } from '../domain/work-cost.ts';

type Variables = Record<string, unknown> | null | undefined;

export function rangeCost(document: DocumentNode, variables: Variables, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation === 'mutation') return bulkCost(operation.selectionSet, variables);
  if (operation?.operation !== 'query') return 0;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  const seen = new Set<string>();

  function costOf(selectionSet: SelectionSetNode): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) total += costOf(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        // Each fragment counted once per spread chain: a cycle is a validation error anyway.
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          total += costOf(fragment.selectionSet);
          seen.delete(fragment.name.value);
        }
      } else if (selection.name.value === 'analytics') {
        const range = argument(selection.arguments, 'range', variables) as { from?: unknown; to?: unknown } | undefined;
        total += analyticsCost(new Date(String(range?.from)), new Date(String(range?.to)));
      } else if (selection.name.value === 'monthlyReport') {
        total += MONTHLY_REPORT_DAYS * COST_PER_ANALYTICS_DAY;
      } else if (selection.name.value === 'search') {
        total += SEARCH_COST;
      }
    }
    return total;
  }

  return costOf(operation.selectionSet);
}

/** The bulk mutations at the top level, by the ids each names (mutations take no fragments worth following here). */
function bulkCost(selectionSet: SelectionSetNode, variables: Variables): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !BULK_TICKET_MUTATIONS.has(selection.name.value)) continue;
    const input = argument(selection.arguments, 'input', variables) as { ids?: unknown } | undefined;
    const count = Array.isArray(input?.ids) ? input.ids.length : 1;
    total += Math.max(1, count) * BULK_COST_PER_TICKET;
  }
  return total;
}

function argument(nodes: readonly ArgumentNode[] | undefined, name: string, variables: Variables): unknown {
  const node = nodes?.find((candidate) => candidate.name.value === name);
  return node ? valueFromASTUntyped(node.value, variables ?? undefined) : undefined;
}
