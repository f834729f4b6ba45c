import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { RequestFormPage } from './request-form-page';

const products = [
  { __typename: 'Product', id: 'ads-1', name: 'Facebook ad', category: 'ADS' },
  { __typename: 'Product', id: 'gen-1', name: 'Logo pack', category: 'GENERAL' },
  { __typename: 'Product', id: 'tg-1', name: 'Channel header', category: 'TELEGRAM' },
];

const answer: Responder = (operation) => {
  if (operation.operationName === 'RequestProducts') return { data: { products } };
  if (operation.operationName === 'CreateTicket') {
    return { data: { createTicket: { __typename: 'TicketPayload', ticket: { __typename: 'Ticket', id: 't1', number: 41 } } } };
  }
  return { errors: [{ message: `unexpected ${operation.operationName}` }] };
};

function renderForm(respond: Responder = answer) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/new" component={RequestFormPage} />
        <Route path="/tickets/:number" component={() => <p>ticket page</p>} />
      </Router>
    </Provider>
  ));
  return fake;
}

const select = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

beforeEach(() => {
  window.scrollTo = () => undefined; // jsdom has none; the router scrolls after navigating
  localStorage.clear();
  window.history.replaceState(null, '', '/new');
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('RequestFormPage', () => {
  it('shows the file format for social posts and the schedule for shoots, never both', async () => {
    renderForm();
    expect(screen.getByLabelText('File format')).toBeTruthy();
    expect(screen.queryByLabelText('Schedule start')).toBeNull();
    expect(screen.getByLabelText('Quantity')).toBeTruthy();

    select('Request type', 'VIDEOSHOOT');
    expect(screen.queryByLabelText('File format')).toBeNull();
    expect(screen.getByLabelText('Schedule start')).toBeTruthy();
    expect(screen.getByLabelText('Schedule end')).toBeTruthy();
    expect((screen.getByLabelText('Criteria') as HTMLSelectElement).value).toBe('VIDEO');

    select('Request type', 'WEBSITE_BANNER');
    expect(screen.queryByLabelText('File format')).toBeNull();
    expect(screen.queryByLabelText('Schedule start')).toBeNull();
  });

  it('itemizes ads with the products of their categories and checks the total before sending', async () => {
    const { sent } = renderForm();
    select('Request type', 'ADS');
    expect(screen.queryByLabelText('Quantity')).toBeNull();
    await waitFor(() => expect(screen.getByRole('option', { name: 'Facebook ad' })).toBeTruthy());
    expect(screen.getByRole('option', { name: 'Logo pack' })).toBeTruthy();
    expect(screen.queryByRole('option', { name: 'Channel header' })).toBeNull();

    type('Title', 'Launch ads');
    select('Product 1', 'ads-1');
    type('Quantity for product 1', '700');
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    select('Product 2', 'gen-1');
    type('Quantity for product 2', '400');
    expect(screen.getByText('Total 1100 of 1000 items')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('The products add up to 1100 items; a request may hold at most 1000.')).toBeTruthy();
    expect(sent.some((operation) => operation.operationName === 'CreateTicket')).toBe(false);

    type('Quantity for product 2', '300');
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(screen.getByText('ticket page')).toBeTruthy());
    const created = sent.find((operation) => operation.operationName === 'CreateTicket');
    expect(created?.variables.input).toMatchObject({
      title: 'Launch ads',
      requestType: 'ADS',
      productItems: [
        { productId: 'ads-1', quantity: 700 },
        { productId: 'gen-1', quantity: 300 },
      ],
    });
    expect(window.location.pathname).toBe('/tickets/41');
    expect(localStorage.length).toBe(0);
  });

  it('says per field what is missing', async () => {
    renderForm();
    select('File format', '');
    type('Quantity', '0');
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Give the request a title.')).toBeTruthy();
    expect(screen.getByText('Choose the file format.')).toBeTruthy();
    expect(screen.getByText('Enter a whole number from 1 to 1000.')).toBeTruthy();
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
  });

  it('previews the deadline the priority implies', () => {
    renderForm();
    const preview = screen.getByTestId('deadline-preview');
    expect(preview.textContent).toContain('Medium priority: due 3 days after it is assigned');
    select('Priority', 'URGENT');
    expect(preview.textContent).toContain('due 2 hours after it is assigned');
    select('File format', 'VIDEO_PORTRAIT');
    expect(preview.textContent).toContain('due 3 hours after it is assigned');
    expect(preview.textContent).toContain('no due date is set');
    type('Due date', '2099-01-01T10:00');
    expect(preview.textContent).toBe('Due at the date you set.');
  });

  it('keeps what was typed across a reload', async () => {
    renderForm();
    type('Title', 'Half-typed request');
    select('Priority', 'HIGH');
    cleanup();
    renderForm();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Half-typed request');
    expect((screen.getByLabelText('Priority') as HTMLSelectElement).value).toBe('HIGH');
    expect(screen.getByText('Your unsent draft was restored.')).toBeTruthy();
  });

  it('requests a rejected request again: a copy of it, with a link to the rejected one', async () => {
    window.history.replaceState(null, '', '/new?again=12');
    const rejected = {
      __typename: 'Ticket',
      id: 'r12',
      number: 12,
      status: 'REJECTED',
      title: 'Summer sale post',
      description: 'Three slides, bright colours.',
      rejectionReason: 'Needs the sale dates',
      requestType: 'SOCMED_POSTING',
      priority: 'HIGH',
      fileFormat: 'GIF',
      criteria: 'IMAGE',
      quantity: 3,
      complexity: null,
      estimatedHours: null,
      productItems: [],
    };
    const { sent } = renderForm((operation) =>
      operation.operationName === 'RequestAgainSource' ? { data: { tickets: { __typename: 'TicketConnection', nodes: [rejected] } } } : answer(operation),
    );
    await waitFor(() => expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Summer sale post'));
    expect((screen.getByLabelText('Priority') as HTMLSelectElement).value).toBe('HIGH');
    expect((screen.getByLabelText('File format') as HTMLSelectElement).value).toBe('GIF');
    expect((screen.getByLabelText('Quantity') as HTMLInputElement).value).toBe('3');
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('Needs the sale dates');
    expect(screen.getByRole('link', { name: '#12' }).getAttribute('href')).toBe('/tickets/12');
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(sent.some((operation) => operation.operationName === 'CreateTicket')).toBe(true));
    const input = sent.find((operation) => operation.operationName === 'CreateTicket')?.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({ title: 'Summer sale post', priority: 'HIGH', fileFormat: 'GIF', quantity: 3 });
    expect(input.description).toBe('Three slides, bright colours.\n\nRequested again after #12 was rejected.');
  });
});
