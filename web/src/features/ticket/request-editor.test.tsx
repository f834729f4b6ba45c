import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketWorkspaceFieldsFragment as Ticket } from '../../gql/graphql';
import { fakeClient, type Responder, type SentOperation } from '../../test/fake-client';
import { RequestEditor } from './request-editor';
import { createTicketSave } from './ticket-workspace';

afterEach(cleanup);

const person = { id: 'u1', username: 'ana', displayName: 'Ana' };

function ticketOf(patch: Partial<Ticket>): Ticket {
  return {
    id: 't1',
    number: 12,
    title: 'Banner',
    description: '',
    status: 'REQUESTED',
    priority: 'MEDIUM',
    requestType: 'WEBSITE_BANNER',
    fileFormat: null,
    criteria: null,
    quantity: 3,
    complexity: null,
    estimatedHours: null,
    actualHours: null,
    scheduledStart: null,
    scheduledEnd: null,
    dueDate: null,
    isOverdue: false,
    revisionCount: 0,
    rejectionReason: null,
    version: 4,
    viewerCanEdit: true,
    availableActions: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    assignedAt: null,
    startedAt: null,
    completedAt: null,
    closedAt: null,
    deletedAt: null,
    requester: person,
    department: { id: 'd1', name: 'Marketing' },
    assignee: null,
    collaborators: [],
    productItems: [],
    ...patch,
  };
}

const products = [
  { __typename: 'Product', id: 'p1', name: 'Facebook ad', category: 'ADS' },
  { __typename: 'Product', id: 'p2', name: 'Logo', category: 'GENERAL' },
  { __typename: 'Product', id: 'p3', name: 'Channel post', category: 'TELEGRAM' },
];

const updates = (sent: SentOperation[]) => sent.filter((operation) => operation.operationName === 'UpdateTicketFields');

/** The editor as the workspace mounts it: saving goes through the real updateTicket mutation. */
function renderEditor(ticket: () => Ticket, respond: Responder) {
  const { client, sent } = fakeClient(respond);
  let closed = 0;
  const reloads: number[] = [];
  function Harness() {
    const save = createTicketSave(
      () => ticket().id,
      () => reloads.push(1),
    );
    return (
      <RequestEditor
        ticket={ticket()}
        save={save}
        onClose={() => {
          closed += 1;
        }}
      />
    );
  }
  render(() => (
    <Provider value={client}>
      <Harness />
    </Provider>
  ));
  return { sent, closed: () => closed, reloads };
}

const answer =
  (update: () => ReturnType<Responder>): Responder =>
  (operation) => {
    if (operation.operationName === 'RequestProducts') return { data: { products } };
    if (operation.operationName === 'UpdateTicketFields') return update();
    return { errors: [{ message: 'unexpected' }] };
  };

describe('RequestEditor', () => {
  it('sends a new request type with what the type needs and the version it opened on', async () => {
    const { sent, closed } = renderEditor(
      () => ticketOf({}),
      answer(() => ({ data: { updateTicket: { __typename: 'UpdateTicketPayload', ticket: null } } })),
    );
    fireEvent.change(screen.getByLabelText('Request type'), { target: { value: 'SOCMED_POSTING' } });
    fireEvent.change(screen.getByLabelText('File format'), { target: { value: 'GIF' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updates(sent)).toHaveLength(1));
    expect(updates(sent)[0]?.variables.input).toEqual({ id: 't1', expectedVersion: 4, requestType: 'SOCMED_POSTING', fileFormat: 'GIF', quantity: 3 });
    await waitFor(() => expect(closed()).toBe(1));
  });

  it('refuses products adding up to more than 1000 before sending anything', async () => {
    const { sent } = renderEditor(
      () => ticketOf({ requestType: 'ADS', quantity: 600, productItems: [{ quantity: 600, criteria: null, product: { id: 'p1', name: 'Facebook ad' } }] }),
      answer(() => ({ data: { updateTicket: null } })),
    );
    await screen.findByRole('option', { name: 'Logo' });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    fireEvent.change(screen.getByLabelText('Product 2'), { target: { value: 'p2' } });
    fireEvent.input(screen.getByLabelText('Quantity for product 2'), { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/add up to 1100 items/)).toBeTruthy();
    expect(updates(sent)).toHaveLength(0);
    // Only the products of the type's categories are offered.
    expect(screen.queryByRole('option', { name: 'Channel post' })).toBeNull();

    fireEvent.input(screen.getByLabelText('Quantity for product 2'), { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updates(sent)).toHaveLength(1));
    expect(updates(sent)[0]?.variables.input).toEqual({
      id: 't1',
      expectedVersion: 4,
      requestType: 'ADS',
      productItems: [
        { productId: 'p1', quantity: 600 },
        { productId: 'p2', quantity: 400 },
      ],
    });
  });

  it('after a CONFLICT keeps what was chosen, reloads, and saves again on the reloaded version', async () => {
    const [ticket, setTicket] = createSignal(ticketOf({}));
    let refuse = true;
    const { sent, closed, reloads } = renderEditor(
      ticket,
      answer(() => {
        if (!refuse) return { data: { updateTicket: { __typename: 'UpdateTicketPayload', ticket: null } } };
        refuse = false;
        return { errors: [{ message: 'The ticket changed.', extensions: { code: 'CONFLICT' } }] };
      }),
    );
    fireEvent.change(screen.getByLabelText('Request type'), { target: { value: 'SOCMED_POSTING' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(reloads).toHaveLength(1);
    expect(closed()).toBe(0);
    setTicket(ticketOf({ version: 5, title: 'Banner (theirs)' }));
    expect((screen.getByLabelText('Request type') as HTMLSelectElement).value).toBe('SOCMED_POSTING');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updates(sent)).toHaveLength(2));
    expect(updates(sent)[1]?.variables.input).toMatchObject({ expectedVersion: 5, requestType: 'SOCMED_POSTING', fileFormat: 'STILL' });
    await waitFor(() => expect(closed()).toBe(1));
  });
});
