import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { undoDecision } from './run-action';
import { TicketActionProvider, useTicketAction } from './ticket-action-provider';

afterEach(cleanup);

// The viewer, as the undo of a decision checks that the decision was theirs.
vi.mock('../../lib/session', () => ({ session: { user: () => ({ id: 'U-manager' }) } }));

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

/** Deletes the ticket through the nearest provider, as the action bar does. */
function DeleteButton() {
  const runner = useTicketAction();
  return (
    <button type="button" onClick={() => void runner.run(ticket, 'DELETE')}>
      Delete ticket
    </button>
  );
}

/** Approves the ticket through the nearest provider, as the action bar does. */
function ApproveButton() {
  const runner = useTicketAction();
  return (
    <button type="button" onClick={() => void runner.run({ ...ticket, status: 'REQUESTED' }, 'APPROVE')}>
      Approve ticket
    </button>
  );
}

/** Assigns the ticket through the nearest provider, as the action bar does. */
function AssignButton() {
  const runner = useTicketAction();
  return (
    <button type="button" onClick={() => void runner.run(ticket, 'ASSIGN')}>
      Assign ticket
    </button>
  );
}

function renderWith(respond: Responder) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <TicketActionProvider>
        <StartButton />
        <DeleteButton />
        <AssignButton />
        <ApproveButton />
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
    // The runner loads with the first action: a busy machine takes a while (a longer wait, the same check).
    await waitFor(() => expect(region.textContent).toBe('Started work on #12.'), { timeout: 5000 });
    expect(fake.sent.find((operation) => operation.operationName === 'StartTicket')?.variables).toEqual({ input: { id: 'T1', expectedVersion: 3 } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says nothing went through when it was refused, and why', async () => {
    renderWith(() => ({ errors: [{ message: 'Only the assignee can start this.', extensions: { code: 'FORBIDDEN' } }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain('Start #12:');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('offers Undo after a delete, which restores the ticket with the version the delete answered', async () => {
    const fake = renderWith(({ operationName }) =>
      operationName === 'DeleteTicket'
        ? { data: { deleteTicket: { ticket: { id: 'T1', version: 4, deletedAt: '2026-12-06T10:00:00Z', availableActions: ['RESTORE'] } } } }
        : { data: { restoreTicket: { ticket: { id: 'T1', version: 5, deletedAt: null, availableActions: ['DELETE'] } } } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete ticket' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const region = screen.getByRole('status');
    await waitFor(() => expect(region.textContent).toContain('Moved #12 to the trash.'), { timeout: 5000 });
    fireEvent.click(within(region).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(region.textContent).toBe('Restored #12.'), { timeout: 5000 });
    expect(fake.sent.find((operation) => operation.operationName === 'RestoreTicket')?.variables).toEqual({ input: { id: 'T1', expectedVersion: 4 } });
  });

  it('offers a requester, who may not restore, no Undo: says who can, and links to their trash', async () => {
    renderWith(() => ({ data: { deleteTicket: { ticket: { id: 'T1', version: 4, deletedAt: '2026-12-06T10:00:00Z', availableActions: [] } } } }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete ticket' }));
    fireEvent.click(within(await screen.findByRole('dialog', {}, { timeout: 5000 })).getByRole('button', { name: 'Delete' }));
    const region = screen.getByRole('status');
    await waitFor(() => expect(region.textContent).toContain('Moved #12 to the trash. A manager or an admin can restore it.'), { timeout: 5000 });
    expect(within(region).queryByRole('button')).toBeNull();
    expect(within(region).getByRole('link', { name: 'Open the trash' }).getAttribute('href')).toBe('/trash');
  });

  it('assigns with the deadline and the collaborators in one mutation', async () => {
    const members = [
      { id: 'U1', username: 'dana', displayName: 'Dana Designer', role: 'MEMBER' },
      { id: 'U2', username: 'cy', displayName: 'Cy Designer', role: 'MEMBER' },
      { id: 'U3', username: 'eve', displayName: 'Eve Editor', role: 'MEMBER' },
    ];
    const fake = renderWith(({ operationName }) => {
      if (operationName === 'CreativeMembers') return { data: { departments: [{ id: 'D1', name: 'Creative', isCreative: true, members }] } };
      if (operationName === 'AssignTicket') return { data: { assignTicket: { ticket: { id: 'T1', version: 4 } } } };
      return { errors: [{ message: 'not in this test' }] };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Assign ticket' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    const assignee = await within(dialog).findByRole('radiogroup', { name: 'Assignee' }, { timeout: 5000 });
    fireEvent.click(within(assignee).getByLabelText(/Dana Designer/));
    const collaborators = within(dialog).getByRole('group', { name: 'Collaborators (optional)' });
    // The assignee is not offered as their own collaborator.
    expect(within(collaborators).queryByLabelText(/Dana Designer/)).toBeNull();
    fireEvent.click(within(collaborators).getByLabelText(/Cy Designer/));
    fireEvent.click(within(collaborators).getByLabelText(/Eve Editor/));
    fireEvent.input(within(dialog).getByLabelText('Due (optional)'), { target: { value: '2099-05-04T17:30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(fake.sent.some((operation) => operation.operationName === 'AssignTicket')).toBe(true), { timeout: 5000 });
    const assigns = fake.sent.filter((operation) => operation.operationName === 'AssignTicket');
    expect(assigns).toHaveLength(1);
    expect(assigns[0]?.variables).toEqual({
      input: {
        id: 'T1',
        expectedVersion: 3,
        assigneeId: 'U1',
        dueDate: new Date('2099-05-04T17:30').toISOString(),
        collaboratorIds: ['U2', 'U3'],
      },
    });
  });

  it('offers Undo after an approval, which rolls back to the entry before it with the version the approval left', async () => {
    const history = [
      { id: 'H2', action: 'APPROVED', actor: { id: 'U-manager' } },
      { id: 'H1', action: 'CREATED', actor: { id: 'U-requester' } },
    ];
    const fake = renderWith(({ operationName }) => {
      if (operationName === 'ApproveTicket') return { data: { approveTicket: { ticket: { id: 'T1', status: 'PENDING_CREATIVE', version: 4 } } } };
      if (operationName === 'LatestTicketHistory') return { data: { ticket: { id: 'T1', history: { nodes: history } } } };
      if (operationName === 'UndoDecision') return { data: { rollbackTicket: { ticket: { id: 'T1', status: 'REQUESTED', version: 5 } } } };
      return { errors: [{ message: 'not in this test' }] };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Approve ticket' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    const region = screen.getByRole('status');
    await waitFor(() => expect(region.textContent).toContain('Approved #12.'), { timeout: 5000 });
    fireEvent.click(within(region).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(region.textContent).toBe('Undid the approval of #12.'), { timeout: 5000 });
    expect(fake.sent.find((operation) => operation.operationName === 'UndoDecision')?.variables).toEqual({
      input: { id: 'T1', expectedVersion: 4, historyEntryId: 'H1', reason: 'Undo: approved by mistake' },
    });
  });

  it("does not undo a decision that is no longer the ticket's latest (someone acted since)", async () => {
    const fake = renderWith(({ operationName }) => {
      if (operationName === 'ApproveTicket') return { data: { approveTicket: { ticket: { id: 'T1', status: 'PENDING_CREATIVE', version: 4 } } } };
      if (operationName === 'LatestTicketHistory') {
        const nodes = [
          { id: 'H3', action: 'APPROVED', actor: { id: 'U-creative' } },
          { id: 'H2', action: 'APPROVED', actor: { id: 'U-manager' } },
        ];
        return { data: { ticket: { id: 'T1', history: { nodes } } } };
      }
      return { errors: [{ message: 'not in this test' }] };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Approve ticket' }));
    fireEvent.click(within(await screen.findByRole('dialog', {}, { timeout: 5000 })).getByRole('button', { name: 'Approve' }));
    const region = screen.getByRole('status');
    await waitFor(() => expect(region.textContent).toContain('Approved #12.'), { timeout: 5000 });
    fireEvent.click(within(region).getByRole('button', { name: 'Undo' }));
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain('undo it from its history instead');
    expect(fake.sent.some((operation) => operation.operationName === 'UndoDecision')).toBe(false);
  });

  it('sends nothing after the 10 seconds an approval can be undone in', async () => {
    const fake = fakeClient(() => ({ errors: [{ message: 'nothing should be sent' }] }));
    const madeAt = Date.now() - 10_001;
    const outcome = await undoDecision(fake.client, { ...ticket }, 'APPROVE', 'U-manager', madeAt);
    expect(outcome).toEqual({ done: false, message: "Undo #12: too late to undo the approval here; roll it back from the ticket's history." });
    expect(fake.sent).toEqual([]);
  });
});
