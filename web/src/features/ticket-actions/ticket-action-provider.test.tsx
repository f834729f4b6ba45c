import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { TicketActionProvider, useTicketAction } from './ticket-action-provider';

afterEach(cleanup);

const ticket = { id: 'T1', number: 12, title: 'Launch banner', version: 3 };

/** A button that starts work on the ticket through the nearest provider, as the action bar does. */
function StartButton() {
  const runner = useTicketAction();
  return (
    <button type="button" onClick={() => void runner.run(ticket, 'START')}>
      Start
    </button>
  );
}

function renderWith(respond: Responder) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <TicketActionProvider>
        <StartButton />
      </TicketActionProvider>
    </Provider>
  ));
  return fake;
}

describe('TicketActionProvider', () => {
  it('says that an action went through, politely, and sends it with the version seen', async () => {
    const fake = renderWith(() => ({ data: { startTicket: { ticket: { id: 'T1', status: 'IN_PROGRESS', version: 4 } } } }));
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(region.textContent).toBe('Started work on #12.'));
    expect(fake.sent.find((operation) => operation.operationName === 'StartTicket')?.variables).toEqual({ input: { id: 'T1', expectedVersion: 3 } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says nothing went through when it was refused, and why', async () => {
    renderWith(() => ({ errors: [{ message: 'Only the assignee can start this.', extensions: { code: 'FORBIDDEN' } }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Start #12:');
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
