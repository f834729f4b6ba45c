// The cost of the data an operation's arguments ask for, which Armor's cost (the shape of the document)
// cannot see: `analytics` over 400 days does 400 times the work of one day, and 15 aliases of it 15 times
// that. Priced by the days each top-level `analytics` or `monthlyReport` covers, and a fixed price per `search`
// (domain/work-cost.ts), read from the document and its variables before the operation runs, and added to what
// the rate limit charges. Bulk ticket mutations are priced by the tickets they name, as many single mutations.
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { analyticsCost, BULK_COST_PER_TICKET, BULK_TICKET_MUTATIONS, COST_PER_ANALYTICS_DAY, MONTHLY_REPORT_DAYS, SEARCH_COST } from '../domain/work-cost.ts';

type Variables = Record<string, unknown> | null | undefined;

export function rangeCost(document: DocumentNode, variables: Variables, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation !== 'query' && operation?.operation !== 'mutation') return 0;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  let total = 0;
  for (const field of topLevelFields(operation.selectionSet, fragments)) {
    total += operation.operation === 'mutation' ? bulkCost(field, variables) : queryCost(field, variables);
  }
  return total;
}

/**
 * The fields the executor runs at the top of the operation, through inline fragments and fragment spreads as it
 * does (`mutation { ... on Mutation { bulkSetTicketPriority(…) } }` runs the mutation: it must be priced too).
 * Each fragment followed once per spread chain: a cycle is a validation error anyway.
 */
function* topLevelFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Generator<FieldNode> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) yield* topLevelFields(selection.selectionSet, fragments, seen);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && !seen.has(fragment.name.value)) {
        seen.add(fragment.name.value);
        yield* topLevelFields(fragment.selectionSet, fragments, seen);
        seen.delete(fragment.name.value);
      }
    }
  }
}

function queryCost(field: FieldNode, variables: Variables): number {
  if (field.name.value === 'analytics') {
    const range = argument(field.arguments, 'range', variables) as { from?: unknown; to?: unknown } | undefined;
    return analyticsCost(new Date(String(range?.from)), new Date(String(range?.to)));
  }
  if (field.name.value === 'monthlyReport') return MONTHLY_REPORT_DAYS * COST_PER_ANALYTICS_DAY;
  if (field.name.value === 'search') return SEARCH_COST;
  return 0;
}

/** A bulk mutation, by the ids it names. */
function bulkCost(field: FieldNode, variables: Variables): number {
  if (!BULK_TICKET_MUTATIONS.has(field.name.value)) return 0;
  const input = argument(field.arguments, 'input', variables) as { ids?: unknown } | undefined;
  const count = Array.isArray(input?.ids) ? input.ids.length : 1;
  return Math.max(1, count) * BULK_COST_PER_TICKET;
}

function argument(nodes: readonly ArgumentNode[] | undefined, name: string, variables: Variables): unknown {
  const node = nodes?.find((candidate) => candidate.name.value === name);
  return node ? valueFromASTUntyped(node.value, variables ?? undefined) : undefined;
}
