import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { Client } from '@urql/core';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketAction, TicketStatus } from '../../gql/graphql';
import { TicketActionProvider } from '../ticket-actions';
import type { BoardTicket } from './board-dnd';
import { CardMenu } from './card-menu';

afterEach(cleanup);

/** Never reached: opening the menu sends nothing. */
const client = new Client({ url: 'http://127.0.0.1:9/graphql', exchanges: [] });

/** A card as the server describes it: what the viewer may do, and which of those change its status to what. */
function ticket(status: TicketStatus, availableActions: TicketAction[], availableTransitions: { action: TicketAction; to: TicketStatus }[] = []): BoardTicket {
  return {
    __typename: 'Ticket',
    id: 'T1',
    number: 12,
    title: 'Launch banner',
    status,
    priority: 'HIGH',
    requestType: 'WEBSITE_BANNER',
    dueDate: null,
    isOverdue: false,
    version: 3,
    revisionCount: 0,
    commentCount: 0,
    deletedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    availableActions,
    availableTransitions: availableTransitions.map((transition) => ({ __typename: 'AvailableTransition', ...transition })),
    department: { __typename: 'Department', id: 'D1', name: 'Marketing' },
    requester: { __typename: 'User', id: 'U1', displayName: 'Mia Marketer' },
    assignee: null,
    collaborators: [],
  } as BoardTicket;
}

function renderMenu(value: BoardTicket) {
  return render(() => (
    <Provider value={client}>
      <TicketActionProvider>
        <CardMenu ticket={value} />
      </TicketActionProvider>
    </Provider>
  ));
}

describe('CardMenu', () => {
  it('lists exactly the moves availableTransitions allows, named by their action', () => {
    renderMenu(
      ticket(
        'REQUESTED',
        ['APPROVE', 'REJECT', 'EDIT', 'COMMENT'],
        [
          { action: 'APPROVE', to: 'PENDING_CREATIVE' },
          { action: 'REJECT', to: 'REJECTED' },
        ],
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move #12' }));
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Assign' })).toBeNull();
  });

  it('offers Assign beside the moves when the viewer may assign', () => {
    renderMenu(ticket('APPROVED', ['ASSIGN', 'START'], [{ action: 'START', to: 'IN_PROGRESS' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Move #12' }));
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Assign' })).toBeTruthy();
  });

  it('cannot be opened on a ticket the viewer may not move', () => {
    renderMenu(ticket('CLOSED', ['COMMENT']));
    expect((screen.getByRole('button', { name: 'Move #12' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens the action dialog for a move that needs input', async () => {
    renderMenu(
      ticket(
        'REQUESTED',
        ['APPROVE', 'REJECT'],
        [
          { action: 'APPROVE', to: 'PENDING_CREATIVE' },
          { action: 'REJECT', to: 'REJECTED' },
        ],
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move #12' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(await screen.findByText('Reject #12', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByLabelText('Reason')).toBeTruthy();
  });
});
