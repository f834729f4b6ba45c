// The records keyed by schema enums are exhaustive at compile time (`Record<Enum, …>`, `satisfies`); this
// checks the same at run time against the printed schema, and that every colour token the charts read exists.
import { buildSchema, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../schema/schema.graphql?raw';
import * as documents from '../features/ticket-actions/action-mutations.graphql';
import { ACTIONS } from '../features/ticket-actions/action-rules';
import styles from '../styles.css?raw';
import { EXPLANATIONS } from './ticket-refusals';
import {
  COMPLEXITY_LABELS,
  CRITERIA_LABELS,
  colorToken,
  FILE_FORMAT_LABELS,
  PRIORITY_LABELS,
  PRIORITY_ORDER,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPE_ORDER,
  STATUS_LABELS,
  STATUS_ORDER,
} from './vocabulary';

const schema = buildSchema(schemaText);
const valuesOf = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);

describe('the web vocabulary', () => {
  it.each([
    ['TicketStatus', STATUS_LABELS],
    ['Priority', PRIORITY_LABELS],
    ['RequestType', REQUEST_TYPE_LABELS],
    ['FileFormat', FILE_FORMAT_LABELS],
    ['Criteria', CRITERIA_LABELS],
    ['Complexity', COMPLEXITY_LABELS],
  ] as const)('has words for every %s and no other', (name, labels) => {
    expect(Object.keys(labels).sort()).toEqual(valuesOf(name).sort());
    for (const words of Object.values(labels)) expect(words.trim()).not.toBe('');
  });

  it('orders every status, priority and request type once', () => {
    expect([...STATUS_ORDER].sort()).toEqual(valuesOf('TicketStatus').sort());
    expect([...PRIORITY_ORDER].sort()).toEqual(valuesOf('Priority').sort());
    expect([...REQUEST_TYPE_ORDER].sort()).toEqual(valuesOf('RequestType').sort());
  });

  it('has a colour token in styles.css for every status and priority', () => {
    for (const status of valuesOf('TicketStatus')) expect(styles).toMatch(new RegExp(`${colorToken('status', status as never)}: #[0-9a-f]{6};`));
    for (const priority of valuesOf('Priority')) expect(styles).toMatch(new RegExp(`${colorToken('priority', priority as never)}: #[0-9a-f]{6};`));
  });

  it('explains every error code the API answers with', () => {
    expect(Object.keys(EXPLANATIONS).sort()).toEqual(valuesOf('ErrorCode').sort());
  });

  it('runs only ticket actions, each through a mutation that answers the ticket', () => {
    const ticketActions = valuesOf('TicketAction');
    const mutations = (schema.getMutationType() as GraphQLObjectType).getFields();
    for (const [action, row] of Object.entries(ACTIONS)) {
      expect(ticketActions).toContain(action);
      const operation = row.document(documents).definitions[0];
      expect(operation?.kind === 'OperationDefinition' && operation.operation).toBe('mutation');
      const field = operation?.kind === 'OperationDefinition' ? operation.selectionSet.selections[0] : undefined;
      const name = field?.kind === 'Field' ? field.name.value : '';
      expect(String(mutations[name]?.type), `${action} sends ${name}`).toBe('TicketPayload!');
    }
  });
});
