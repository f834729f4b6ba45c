// The cost limit judges the operation that runs, with its variables: a page size costs the same written in the
// document or sent as a variable, a missing one costs the page's default, and every operation the web client
// sends fits at the page sizes it uses.
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS_PER_VERSION } from '../domain/annotations.ts';
import { MAX_VERSIONS_PER_FILE } from '../domain/attachments.ts';
import { MAX_WEBHOOKS_LISTED } from '../domain/webhooks.ts';
import { operationCost, QUERY_LIMITS } from './armor.ts';
import { MAX_PAGE_SIZE } from './connection-args.ts';
import { KNOWN_OPERATION_DOCUMENTS } from './generated/known-documents.ts';
import { KNOWN_OPERATIONS } from './generated/known-operations.ts';
import { schema } from './schema.ts';

const cost = (query: string, variableValues?: Record<string, unknown>, operationName?: string) =>
  operationCost({ schema, document: parse(query), variableValues, operationName });

const NESTED = 'query Nested($tickets: Int, $comments: Int) { tickets(first: $tickets) { nodes { comments(first: $comments) { nodes { id body } } } } }';

describe('operationCost', () => {
  it('prices a page size sent as a variable as the same size written in the document', () => {
    for (const size of [1, 7, 40, 100]) {
      const literal = cost(`{ tickets(first: ${size}) { nodes { id title } } }`);
      expect(cost('query ($n: Int) { tickets(first: $n) { nodes { id title } } }', { n: size })).toBe(literal);
      expect(cost('query ($n: Int!) { tickets(last: $n) { nodes { id title } } }', { n: size })).toBe(literal);
    }
    // (2 + (2 + 1 + 1)) × 2: the page multiplies everything it selects.
    expect(cost('{ tickets(first: 2) { nodes { id title } } }')).toBe(12);
    expect(cost(NESTED, { tickets: 100, comments: 100 })).toBe(cost(NESTED.replace('$tickets)', '100)').replace('$comments)', '100)')));
  });

  it("prices a file's annotations, which take no page, at the most a version can have", () => {
    const FILE = 'query ($id: ID!) { node(id: $id) { ... on Attachment { id ANNOTATIONS } } }';
    const without = cost(FILE.replace('ANNOTATIONS', ''));
    // annotations 2 + (id, number, points: 3 scalars), once per annotation a version may have.
    expect(cost(FILE.replace('ANNOTATIONS', 'annotations { id number points }')) - without).toBe(5 * MAX_ANNOTATIONS_PER_VERSION);
    expect(cost(FILE.replace('ANNOTATIONS', 'annotations(state: OPEN) { id }')) - without).toBe(3 * MAX_ANNOTATIONS_PER_VERSION);
  });

  it("prices a file's versions, which take no page, at the most one file name can have", () => {
    const FILE = 'query ($id: ID!) { node(id: $id) { ... on Attachment { id VERSIONS } } }';
    const without = cost(FILE.replace('VERSIONS', ''));
    // versions 2 + (id, version: 2 scalars), once per version a name may have.
    expect(cost(FILE.replace('VERSIONS', 'versions { id version }')) - without).toBe(4 * MAX_VERSIONS_PER_FILE);
  });

  it("prices a webhook's delivery log by its page, the default page when none is asked", () => {
    const WEBHOOK = 'query ($id: ID!, $n: Int) { node(id: $id) { ... on Webhook { id DELIVERIES } } }';
    const LOG = WEBHOOK.replace('DELIVERIES', 'deliveries(first: $n) { edges { node { id requestBody responseBody } } }');
    const without = cost(WEBHOOK.replace('DELIVERIES', ''));
    // (deliveries 2 + edges 2 + node 2 + 3 scalars) × page
    expect(cost(LOG, { n: 1 }) - without).toBe(9);
    expect(cost(LOG, { n: 100 }) - without).toBe(900);
    expect(cost(LOG) - without).toBe(9 * 50);
  });

  it('prices the webhooks list, which takes no page, at the most it answers', () => {
    // webhooks 2 + (id, url: 2 scalars), once per webhook listed.
    expect(cost('{ webhooks { id url } }')).toBe(4 * MAX_WEBHOOKS_LISTED);
    // Every webhook's delivery log in one request: over the limit.
    expect(cost('{ webhooks { deliveries(first: 20) { nodes { id } } } }')).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });

  it('prices a missing page size as the default page, and a variable left out as its declared default', () => {
    const defaultPage = cost('{ tickets(first: 50) { nodes { id } } }');
    expect(cost('{ tickets { nodes { id } } }')).toBe(defaultPage);
    expect(cost('query ($n: Int) { tickets(first: $n) { nodes { id } } }', {})).toBe(defaultPage);
    expect(cost('query ($n: Int) { tickets(first: $n) { nodes { id } } }', { n: null })).toBe(defaultPage);
    expect(cost('query ($n: Int = 40) { tickets(first: $n) { nodes { id } } }', {})).toBe(cost('{ tickets(first: 40) { nodes { id } } }'));
    // Two default pages nested: 50 × 50 comments, over the limit without a single number in the document.
    expect(cost('{ tickets { nodes { comments { nodes { id body } } } } }')).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });

  it('bounds a page size to what a page can be (larger ones are refused when the field runs)', () => {
    const largest = cost(`{ tickets(first: ${MAX_PAGE_SIZE}) { nodes { id } } }`);
    expect(cost('query ($n: Int) { tickets(first: $n) { nodes { id } } }', { n: 1_000_000 })).toBe(largest);
    expect(cost('{ tickets(first: 0) { nodes { id } } }')).toBe(cost('{ tickets(first: 1) { nodes { id } } }'));
  });

  it('puts a nested page blow-up over the limit however its sizes are sent', () => {
    expect(cost(NESTED, { tickets: 100, comments: 100 })).toBe(60_400);
    expect(cost(NESTED, { tickets: 20, comments: 100 })).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect(cost(NESTED, { tickets: 1, comments: 100 })).toBeLessThan(QUERY_LIMITS.maxCost);
  });

  it('prices fragments like the selections they stand for, and only the operation that runs', () => {
    const inline = cost('{ tickets(first: 10) { nodes { id requester { id displayName } } } }');
    const fragment = 'fragment Card on Ticket { id requester { id displayName } }';
    // A spread costs 1 more than its selection written in place (Armor's model), with the page size from variables.
    const spread = cost(`query ($n: Int) { tickets(first: $n) { nodes { ...Card } } } ${fragment}`, { n: 10 });
    expect(spread).toBe(cost(`{ tickets(first: 10) { nodes { ...Card } } } ${fragment}`));
    expect(spread).toBeGreaterThan(inline);
    const two = 'query Small { viewer { id } } query Big { tickets(first: 100) { nodes { id title } } }';
    expect(cost(two, {}, 'Small')).toBe(cost('{ viewer { id } }'));
    expect(cost(two, {}, 'Big')).toBe(cost('{ tickets(first: 100) { nodes { id title } } }'));
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

/** The web client's page sizes where they are smaller than the largest page (web/src/features/board/board-page.tsx: 7 columns of 25). */
const WEB_PAGE_SIZES: Record<string, number> = { Board: 25 };

describe("the web client's operations", () => {
  // The web client's documents as codegen wrote them for the API (the API does not import the web client).
  const operations = [...KNOWN_OPERATION_DOCUMENTS].flatMap(([, text]) => {
    const document = parse(text);
    return document.definitions
      .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({ name: operation.name?.value ?? '', document, operation }));
  });

  it('are every operation the server knows the web sends', () => {
    expect(operations.map(({ name }) => name).sort()).toEqual([...KNOWN_OPERATIONS.keys()].sort());
  });

  it('each fit under the cost limit with every page the largest the web asks for', () => {
    const over = operations.flatMap(({ name, document, operation }) => {
      const size = WEB_PAGE_SIZES[name] ?? MAX_PAGE_SIZE;
      const variableValues = Object.fromEntries(
        (operation.variableDefinitions ?? [])
          .filter(({ variable }) => ['first', 'last'].includes(variable.name.value))
          .map(({ variable }) => [variable.name.value, size]),
      );
      const found = operationCost({ schema, document, variableValues, operationName: name });
      return found > QUERY_LIMITS.maxCost ? [`${name}: ${found}`] : [];
    });
    expect(over).toEqual([]);
  });
});
