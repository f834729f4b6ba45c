import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder, sentInput } from '../../test/fake-client';
import { WEBHOOK_EVENTS } from './webhook-rules';
import { WebhooksPage } from './webhooks-page';

const webhook = (change: Record<string, unknown> = {}) => ({
  __typename: 'Webhook',
  id: 'w1',
  url: 'https://crm.example.com/hooks',
  description: 'CRM sync',
  events: [...WEBHOOK_EVENTS],
  enabled: true,
  disabledReason: null,
  createdAt: '2026-12-01T10:00:00Z',
  department: null,
  owner: { __typename: 'User', id: 'u1', displayName: 'Ada Admin' },
  ...change,
});

const delivery = (id: string, change: Record<string, unknown> = {}) => ({
  __typename: 'WebhookDelivery',
  id,
  eventType: 'STATUS_CHANGED',
  status: 'SUCCEEDED',
  attempts: 1,
  responseStatus: 200,
  durationMs: 42,
  lastError: null,
  createdAt: new Date().toISOString(),
  lastAttemptAt: new Date().toISOString(),
  nextAttemptAt: new Date().toISOString(),
  ...change,
});

function answers(createAnswer?: ReturnType<Responder>): Responder {
  return (operation) => {
    switch (operation.operationName) {
      case 'Webhooks':
        return { data: { webhooks: [webhook()], departments: [{ __typename: 'Department', id: 'd1', name: 'Marketing' }] } };
      case 'CreateWebhook':
        return createAnswer ?? { data: { createWebhook: { secret: 'whsec_c2VjcmV0', webhook: webhook({ id: 'w2' }) } } };
      case 'UpdateWebhook': {
        const input = operation.variables.input as { enabled: boolean };
        return { data: { updateWebhook: { webhook: webhook({ enabled: input.enabled }) } } };
      }
      case 'DeleteWebhook':
        return { data: { deleteWebhook: { deletedWebhookId: 'w1' } } };
      case 'WebhookDeliveries':
        return {
          data: {
            node: {
              __typename: 'Webhook',
              id: 'w1',
              deliveries: {
                totalCount: 2,
                nodes: [delivery('d2', { status: 'DEAD', attempts: 12, responseStatus: 500, lastError: 'HTTP 500', durationMs: 1540 }), delivery('d1')],
              },
            },
          },
        };
      case 'RedeliverWebhookDelivery':
        return { data: { redeliverWebhookDelivery: { delivery: { __typename: 'WebhookDelivery', id: 'd3', status: 'PENDING' } } } };
      default:
        return { errors: [{ message: `unexpected ${operation.operationName}` }] };
    }
  };
}

function renderPage(respond: Responder) {
  window.history.replaceState(null, '', '/admin/webhooks');
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/admin/webhooks" component={WebhooksPage} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => {
  window.scrollTo = () => undefined;
});
afterEach(() => cleanup());

describe('WebhooksPage', () => {
  it('checks the address and events, sends the chosen ones, then shows the secret once', async () => {
    const { sent } = renderPage(answers());
    await screen.findByRole('heading', { name: 'CRM sync' });
    const all = screen.getByRole('checkbox', { name: 'All events' }) as HTMLInputElement;
    expect(all.checked).toBe(true);
    fireEvent.click(all);
    fireEvent.input(screen.getByLabelText('Endpoint URL'), { target: { value: 'crm.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(screen.getByText('Enter a full http:// or https:// address.')).toBeTruthy();
    expect(screen.getByText('Choose at least one event.')).toBeTruthy();
    expect(sentInput(sent, 'CreateWebhook')).toBeUndefined();

    fireEvent.input(screen.getByLabelText('Endpoint URL'), { target: { value: ' https://crm.example.com/in ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Commented' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Status changed' }));
    // Some chosen: "All events" is mixed, not checked.
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'd1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    await waitFor(() =>
      expect(sentInput(sent, 'CreateWebhook')).toEqual({
        url: 'https://crm.example.com/in',
        events: ['STATUS_CHANGED', 'COMMENTED'],
        departmentId: 'd1',
        description: null,
      }),
    );
    const shown = await screen.findByRole('region', { name: 'Signing secret of the new webhook' });
    expect((within(shown).getByLabelText('Signing secret') as HTMLInputElement).value).toBe('whsec_c2VjcmV0');
    expect(within(shown).getByText(/you won’t see it again/)).toBeTruthy();
  });

  it("shows the server's refusal of the address under the address", async () => {
    renderPage(answers({ errors: [{ message: 'url leads to a private address.', extensions: { code: 'BAD_USER_INPUT', field: 'url' } }] }));
    await screen.findByRole('heading', { name: 'CRM sync' });
    fireEvent.input(screen.getByLabelText('Endpoint URL'), { target: { value: 'http://10.0.0.5/hook' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    const message = await screen.findByText('url leads to a private address.');
    expect(message.classList.contains('field-error')).toBe(true);
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('disables and deletes a webhook, the delete after a confirmation', async () => {
    const { sent } = renderPage(answers());
    fireEvent.click(await screen.findByRole('button', { name: 'Disable CRM sync' }));
    await waitFor(() => expect(sentInput(sent, 'UpdateWebhook')).toEqual({ id: 'w1', enabled: false }));
    // The answer updates the card through the app's normalized cache (not in this test's bare client).

    fireEvent.click(screen.getByRole('button', { name: 'Delete CRM sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the webhook “CRM sync”?' });
    expect(sentInput(sent, 'DeleteWebhook')).toBeUndefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() => expect(sentInput(sent, 'DeleteWebhook')).toEqual({ id: 'w1' }));
  });

  it('opens the delivery log and sends a failed delivery again', async () => {
    const { sent } = renderPage(answers());
    const toggle = await screen.findByRole('button', { name: 'Deliveries of CRM sync' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const log = await screen.findByRole('table', { name: 'Deliveries of CRM sync, newest first' });
    const rows = within(log).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(0, 6).map((cell) => cell.textContent))).toEqual([
      ['Failed', 'Status changed', '12', '500', '1.5 s', 'HTTP 500'],
      ['Delivered', 'Status changed', '1', '200', '42 ms', '—'],
    ]);
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: /^Redeliver/ }));
    await waitFor(() => expect(sentInput(sent, 'RedeliverWebhookDelivery')).toEqual({ id: 'd2' }));
    await screen.findByText('Queued to be sent again.');
  });
});
