import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder, sentInput } from '../../test/fake-client';
import { TicketActionProvider } from '../ticket-actions';
import { CollaboratorsPanel } from './collaborators-panel';

afterEach(cleanup);

const ticket = { id: 't1', number: 7, title: 'Banner', version: 3, collaborators: [{ id: 'u2', displayName: 'Dana Designer' }] };

function renderPanel(respond: Responder, onChanged: () => void = () => undefined) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <TicketActionProvider>
        <CollaboratorsPanel ticket={ticket} canChange={true} onChanged={onChanged} />
      </TicketActionProvider>
    </Provider>
  ));
  return fake;
}

describe('CollaboratorsPanel', () => {
  it('removes a collaborator with the version the viewer saw (the mutation loads on first use)', async () => {
    let changed = 0;
    const { sent } = renderPanel(
      () => ({ data: { removeCollaborator: { ticket: null } } }),
      () => changed++,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove Dana Designer' }));
    await waitFor(() => expect(sentInput(sent, 'RemoveCollaborator')).toEqual({ id: 't1', userId: 'u2', expectedVersion: 3 }));
    await waitFor(() => expect(changed).toBe(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why a removal was refused', async () => {
    renderPanel(() => ({ errors: [{ message: 'stale', extensions: { code: 'CONFLICT' } }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Dana Designer' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
