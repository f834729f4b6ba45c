import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type SentOperation } from '../../test/fake-client';
import { BulkBar } from './bulk-bar';
import { bulkSummary, rangeBetween } from './bulk-summary';

const NUMBERS: Record<string, number> = { T1: 11, T2: 12, T3: 13 };

function renderBar(onDone: (summary: string) => void) {
  const fake = fakeClient((operation: SentOperation) => {
    if (operation.operationName === 'TicketFilterOptions') return { data: { departments: [] } };
    if (operation.operationName === 'BulkSetTicketPriority') {
      return {
        data: {
          bulkSetTicketPriority: {
            __typename: 'BulkTicketsPayload',
            changedCount: 2,
            refusedCount: 1,
            refused: [{ __typename: 'BulkTicketRefusal', ticketId: 'T2', code: 'FORBIDDEN', message: 'You cannot edit this ticket.' }],
          },
        },
      };
    }
    return { errors: [{ message: `unexpected ${operation.operationName}` }] };
  });
  render(() => (
    <Provider value={fake.client}>
      <BulkBar ids={['T1', 'T2', 'T3']} numberOf={(id) => NUMBERS[id]} onDone={onDone} onClear={() => undefined} />
    </Provider>
  ));
  return fake;
}

afterEach(() => cleanup());

describe('BulkBar', () => {
  it('sends the selected tickets in one bulk priority change and reports what was refused, by number', async () => {
    const summaries: string[] = [];
    const fake = renderBar((summary) => summaries.push(summary));
    expect(screen.getByText('selected').textContent).toContain('3');
    const apply = screen.getByRole('button', { name: 'Set priority' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'URGENT' } });
    fireEvent.click(apply);
    await waitFor(() => expect(summaries).toEqual(['2 changed, 1 refused: #12 You cannot edit this ticket.']));
    expect(fake.sent.find((operation) => operation.operationName === 'BulkSetTicketPriority')?.variables).toEqual({
      input: { ids: ['T1', 'T2', 'T3'], priority: 'URGENT' },
    });
  });
});

describe('bulkSummary and rangeBetween', () => {
  it('says how many changed and why each refusal', () => {
    expect(bulkSummary({ changedCount: 5, refusedCount: 0, refused: [] }, () => undefined)).toBe('5 changed.');
    const refused = [
      { ticketId: 'A', message: 'You cannot edit this ticket.' },
      { ticketId: 'B', message: 'Ticket not found.' },
    ];
    expect(bulkSummary({ changedCount: 3, refusedCount: 2, refused }, (id) => (id === 'A' ? 12 : undefined), 'assigned')).toBe(
      '3 assigned, 2 refused: #12 You cannot edit this ticket.; a ticket Ticket not found.',
    );
  });

  it('selects the rows between the last toggled and the shift-clicked one, either way', () => {
    expect(rangeBetween(['a', 'b', 'c', 'd'], 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(rangeBetween(['a', 'b', 'c', 'd'], 'c', 'a')).toEqual(['a', 'b', 'c']);
    expect(rangeBetween(['a', 'b'], 'gone', 'b')).toEqual(['b']);
  });
});
