// Limits on what one operation may ask for, so a single request cannot make the server do unbounded work.
// Depth 10 fits the deepest real query (ticket → comments → replies → author → department) with room to spare.
// Depth, aliases, tokens and directives are GraphQL Armor's, judged on the document at validation. The cost is
// judged here, when the operation is about to run (execute, or subscribe: HTTP and graphql-ws alike), because
// it needs the variables: a page size sent as `comments(first: $n)` must cost what `comments(first: 40)` costs
// (Armor's own rule multiplies only literals, so any page size went through variables for almost nothing).
// The cost judged is also what the per-user rate limit charges (rate-limit.ts), for the same operation.
// A document over a limit is refused with QUERY_TOO_COMPLEX naming the limit, its value and what the document
// has (Armor's own errors read "Syntax Error: …" and carried no code of ours).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationContext,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_ANNOTATIONS_PER_VERSION } from '../domain/annotations.ts';
import { MAX_VERSIONS_PER_FILE } from '../domain/attachments.ts';
import { MAX_WEBHOOKS_LISTED } from '../domain/webhooks.ts';
import { builder } from './builder.ts';
import { MAX_PAGE_SIZE } from './connection-args.ts';
import type { RequestErrorCode } from './errors.ts';

export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 50, maxCost: 10_000 } as const;

/**
 * GraphQL Armor's cost model with its depth factor set to 1: a scalar costs 1, a field with a selection 2 plus
 * what it selects, and a page (a field that takes first/last) that times its size. Armor's default factor of
 * 1.5 per level compounded on top of the page sizes: a card's `requester { displayName }` cost 7.6 scalars, and
 * the board's 7 × 25 cards 38,150, four times the limit, while a 20 × 100 nested blow-up cost about as much.
 * With 1 the cost is close to the number of values the answer can hold: the board 7,525, the whole ticket page
 * in one request (40 comments, 100 history entries) 3,093, tickets(first: 100) × comments(first: 100) 60,400.
 */
const COST = { scalar: 1, object: 2, depthFactor: 1 } as const;
/** The page size a field that takes first/last gets without one (Pothos' connections; the middleware refuses above MAX_PAGE_SIZE). */
const DEFAULT_PAGE_SIZE = builder.options.prisma.defaultConnectionSize ?? MAX_PAGE_SIZE;
const PAGE_ARGUMENTS = ['first', 'last'] as const;
/**
 * Lists without first/last whose length is bounded by a rule elsewhere, priced at the most they can return
 * (a list not named here and not paged counts once: its length is small by nature, e.g. a ticket's tags).
 */
const BOUNDED_LISTS: Readonly<Record<string, number>> = {
  'Attachment.annotations': MAX_ANNOTATIONS_PER_VERSION,
  'Attachment.versions': MAX_VERSIONS_PER_FILE,
  'Query.webhooks': MAX_WEBHOOKS_LISTED,
};

/**
 * What an answer actually held, in the same model: a scalar (or a null) 1, an object 2 plus its fields, a list
 * its items. operationCost is the most an operation can return (every page full, every bounded list at its
 * bound); this is what it did return, so the rate limit can charge the work done (rate-limit.ts refunds the
 * difference, as Shopify's API does). Walks the answer once: linear in what was already built and sent.
 */
export function resultCost(data: Readonly<Record<string, unknown>> | null | undefined): number {
  let cost = 0;
  const stack: unknown[] = data ? Object.values(data) : [];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      cost += COST.object;
      for (const field of Object.values(value)) stack.push(field);
    } else {
      cost += COST.scalar;
    }
  }
  return cost;
}

/** The operation about to run: what onExecute and onSubscribe are given. */
type OperationArgs = {
  schema: GraphQLSchema;
  contextValue?: unknown;
  document: DocumentNode;
  variableValues?: Record<string, unknown> | null | undefined;
  operationName?: string | null | undefined;
};

/** The cost of each operation judged and allowed, by its execution arguments (the object every plugin's onExecute/onSubscribe is given). */
export type QueryCosts = WeakMap<object, number>;

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
 * The cost of the operation that runs, with its variables: Armor's model, where a page (a field that takes
 * `first`/`last`) multiplies by the size it will actually have: the argument written or the variable sent (or
 * the variable's default), else the field's default, bounded to 1…MAX_PAGE_SIZE (larger ones are refused by
 * connection-args.ts, and no page is larger). Introspection (`__schema`) costs nothing, as in Armor.
 */
export function operationCost(args: OperationArgs): number {
  const { schema, document, variableValues, operationName } = args;
  // Memoised per schema, document (Yoga's parser cache hands the same object for the same text), operation and
  // the values of the variables that size a page: the walk below was ≈1.5 % of a ticket page request's CPU.
  let bySchema = costCache.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    costCache.set(schema, bySchema);
  }
  let byDocument = bySchema.get(document);
  if (!byDocument) {
    byDocument = { pageVariables: pageVariablesOf(document), costs: new Map() };
    bySchema.set(document, byDocument);
  }
  // A variable not sent (its default applies) is told apart from one sent as null.
  const sent = (name: string) => (variableValues && Object.hasOwn(variableValues, name) ? JSON.stringify(variableValues[name]) : '-');
  const key = `${operationName ?? ''}\u0000${byDocument.pageVariables.map(sent).join(',')}`;
  let cost = byDocument.costs.get(key);
  if (cost === undefined) {
    cost = computeOperationCost(args);
    if (byDocument.costs.size < MAX_COSTS_PER_DOCUMENT) byDocument.costs.set(key, cost);
  }
  return cost;
}

/** Costs kept per document: one per operation name and page sizes sent; past it, costs are computed every time. */
const MAX_COSTS_PER_DOCUMENT = 64;
const costCache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { pageVariables: string[]; costs: Map<string, number> }>>();

/** The variables a document passes as `first`/`last` anywhere: the only ones its cost depends on. */
function pageVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if ((PAGE_ARGUMENTS as readonly string[]).includes(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
}

function computeOperationCost({ schema, document, variableValues, operationName }: OperationArgs): number {
  const found = getOperationAST(document, operationName ?? undefined);
  if (!found) return 0;
  const operation: OperationDefinitionNode = found;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment's cost does not depend on where it is spread (Armor memoises it the same way).
  const fragmentCosts = new Map<string, number>();

  const selectionsCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined) =>
    selectionSet.selections.reduce((total, selection) => total + COST.depthFactor * selectionCost(selection, parent), 0);

  function selectionCost(selection: SelectionNode, parent: GraphQLNamedType | undefined): number {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      return COST.object + selectionsCost(selection.selectionSet, type ?? undefined);
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      let cost = fragmentCosts.get(name);
      if (cost === undefined) {
        const fragment = fragments.get(name);
        // Validation has already refused unknown fragments and cycles; the entry guards a cycle all the same.
        fragmentCosts.set(name, 0);
        cost = fragment ? COST.object + selectionsCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined) : 0;
        fragmentCosts.set(name, cost);
      }
      return COST.scalar + COST.depthFactor * cost;
    }
    return fieldCost(selection, parent);
  }

  function fieldCost(field: FieldNode, parent: GraphQLNamedType | undefined): number {
    if (field.name.value === '__schema') return 0;
    if (!field.selectionSet) return COST.scalar;
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    const type = definition ? getNamedType(definition.type) : undefined;
    return (COST.object + selectionsCost(field.selectionSet, type)) * pageSize(field, definition, operation, variableValues, parent);
  }

  return operation.selectionSet.selections.reduce(
    (total, selection) => total + selectionCost(selection, schema.getRootType(operation.operation) ?? undefined),
    0,
  );
}

/** How many items a field returns for the cost: the bound of a BOUNDED_LISTS entry, else 1 unless it takes first/last. */
function pageSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  parent: GraphQLNamedType | undefined,
): number {
  const bound = parent && BOUNDED_LISTS[`${parent.name}.${field.name.value}`];
  if (bound) return bound;
  const paged = PAGE_ARGUMENTS.filter((name) => definition?.args.some((arg) => arg.name === name) || field.arguments?.some((arg) => arg.name.value === name));
  if (!paged.length) return 1;
  const sizes = paged.map((name) => argumentValue(field, definition, name, operation, variables)).filter((size) => typeof size === 'number');
  const size = sizes.length ? Math.max(...sizes) : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(size), 1), MAX_PAGE_SIZE);
}

/** An argument's value as the resolver will get it: the literal, the variable sent or its default, else the argument's default. */
function argumentValue(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  name: string,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): unknown {
  const node = field.arguments?.find((arg) => arg.name.value === name)?.value;
  if (node?.kind === Kind.VARIABLE) {
    const variable = node.name.value;
    if (variables && Object.hasOwn(variables, variable)) return variables[variable];
    const declared = operation.variableDefinitions?.find((candidate) => candidate.variable.name.value === variable)?.defaultValue;
    if (declared) return valueFromASTUntyped(declared);
  } else if (node) {
    return valueFromASTUntyped(node);
  }
  return definition?.args.find((arg) => arg.name === name)?.defaultValue;
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

/**
 * The query limits. The cost of each operation allowed is recorded in `costs` for the rate limit, which runs
 * after this plugin; an operation over the cost limit is answered with the refusal alone and spends nothing.
 */
export function armorPlugin(costs?: QueryCosts): Plugin {
  const judgeCost = ({ args, setResultAndStopExecution }: { args: OperationArgs; setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void }) => {
    const cost = operationCost(args);
    if (cost <= QUERY_LIMITS.maxCost) return void costs?.set(args, cost);
    const refusal = queryTooComplex('cost', QUERY_LIMITS.maxCost, cost);
    // Over HTTP, the status Yoga gives the other limits' refusals (validation errors): 400 to a client that
    // accepts application/graphql-response+json, 200 to one that accepts only application/json. Yoga takes
    // extensions.http out of the body; over graphql-ws there is no status to give.
    if ((args.contextValue as { request?: Request } | undefined)?.request) Object.assign(refusal.extensions, { http: { spec: true, status: 400 } });
    setResultAndStopExecution({ errors: [refusal] });
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        EnvelopArmorPlugin({
          maxDepth: { n: QUERY_LIMITS.maxDepth, ...refuseAs('depth', QUERY_LIMITS.maxDepth) },
          maxAliases: { n: QUERY_LIMITS.maxAliases, ...refuseAs('aliases', QUERY_LIMITS.maxAliases) },
          maxTokens: { n: QUERY_LIMITS.maxTokens, ...refuseAs('tokens', QUERY_LIMITS.maxTokens) },
          maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...refuseAs('directives', QUERY_LIMITS.maxDirectives) },
          // Judged with the variables, below: Armor's rule sees only the document.
          costLimit: { enabled: false },
          // Field suggestions help developers, and GraphiQL has the schema anyway.
          blockFieldSuggestion: { enabled: false },
        }),
      );
    },
    onExecute: judgeCost,
    onSubscribe: judgeCost,
  };
}
