import { cleanup, render, screen } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
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
});
