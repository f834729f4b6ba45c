import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketAction } from '../../gql/graphql';
import { fakeClient } from '../../test/fake-client';
import { TicketActionProvider } from '../ticket-actions';
import { ActionBar, barActions } from './action-bar';

afterEach(cleanup);

function renderBar(availableActions: TicketAction[]) {
  const { client } = fakeClient(() => ({ data: null }));
  return render(() => (
    <Provider value={client}>
      <TicketActionProvider>
        <ActionBar ticket={{ id: 't1', number: 7, title: 'Banner', version: 3, availableActions }} />
      </TicketActionProvider>
    </Provider>
  ));
}

const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);

describe('ActionBar', () => {
  it('offers exactly the available workflow steps, forward steps first', () => {
    renderBar(['REJECT', 'COMMENT', 'APPROVE', 'EDIT', 'ROLLBACK']);
    expect(buttonNames()).toEqual(['Approve', 'Reject']);
  });

  it('names every step as the e2e tests and people expect', () => {
    renderBar(['ASSIGN', 'START', 'COMPLETE', 'CONFIRM', 'REQUEST_REVISION', 'RESTORE', 'DELETE']);
    expect(buttonNames()).toEqual(['Assign', 'Start', 'Complete', 'Confirm', 'Request revision', 'Restore', 'Delete']);
  });

  it('renders nothing when the viewer may do nothing', () => {
    renderBar([]);
    expect(screen.queryByRole('group', { name: 'Ticket actions' })).toBeNull();
    expect(buttonNames()).toEqual([]);
  });

  it('leaves editing, comments and collaborators to their own places', () => {
    expect(barActions(['EDIT', 'COMMENT', 'ATTACH', 'ROLLBACK', 'ADD_COLLABORATOR'])).toEqual([]);
  });

  it('leaves a deleted ticket (onDeleted) instead of reloading what is gone, and the toast offers Undo', async () => {
    const { client } = fakeClient(() => ({ data: { deleteTicket: { ticket: { id: 't1', version: 4, availableActions: ['RESTORE'] } } } }));
    const onDone = vi.fn();
    const onDeleted = vi.fn();
    render(() => (
      <Provider value={client}>
        <TicketActionProvider>
          <ActionBar ticket={{ id: 't1', number: 7, title: 'Banner', version: 3, availableActions: ['DELETE'] }} onDone={onDone} onDeleted={onDeleted} />
        </TicketActionProvider>
      </Provider>
    ));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(await screen.findByRole('dialog', {}, { timeout: 5000 })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledOnce(), { timeout: 5000 });
    expect(onDone).not.toHaveBeenCalled();
    expect(within(screen.getByRole('status')).getByRole('button', { name: 'Undo' })).toBeTruthy();
  });
});
