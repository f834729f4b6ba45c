import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { describeError } from '../../lib/graphql-errors';
import { sinceText } from '../../lib/ticket-dates';
import { DELIVERY_STATUS_LABELS, DELIVERY_STATUS_TONES, durationLabel, eventLabel } from './webhook-rules';
import { redeliverWebhookDeliveryMutation, webhookDeliveriesQuery } from './webhooks.graphql';

/** How often an open log asks for new deliveries (a delivery is sent within seconds of the change). */
const POLL_MS = 5_000;

/** A webhook's latest deliveries: status, event, attempts, the endpoint's answer and time; any can be sent again. */
export function WebhookDeliveries(props: { webhookId: string; label: string }) {
  const [data, refetch] = createQuery({ query: webhookDeliveriesQuery, variables: () => ({ id: props.webhookId }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const timer = setInterval(reload, POLL_MS);
  onCleanup(() => clearInterval(timer));
  const [state, redeliver] = createMutation(redeliverWebhookDeliveryMutation);
  const [failure, setFailure] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const deliveries = () => {
    const node = data.data?.node;
    return node && 'deliveries' in node ? node.deliveries : undefined;
  };
  const sendAgain = async (id: string) => {
    setFailure(undefined);
    setNotice(undefined);
    const result = await redeliver({ input: { id } });
    if (result.error) setFailure(describeError(result.error));
    else {
      setNotice('Queued to be sent again.');
      reload();
    }
  };

  return (
    <div class="webhook-deliveries">
      <ErrorBanner message={failure()} />
      <p class="admin-notice" role="status">
        {notice()}
      </p>
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading deliveries…" />
        </Match>
        <Match when={deliveries()?.nodes.length === 0}>
          <p class="muted webhook-deliveries-empty">No deliveries yet: the next ticket change it listens to will show here.</p>
        </Match>
        <Match when={deliveries()}>
          {(log) => (
            <table class="data-table admin-table integration-table">
              <caption class="visually-hidden">{props.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Event</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Response</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={log().nodes}>
                  {(delivery) => (
                    <tr class="admin-row">
                      <td data-label="Status">
                        <span class={`badge integration-state integration-state-${DELIVERY_STATUS_TONES[delivery.status]}`}>
                          {DELIVERY_STATUS_LABELS[delivery.status]}
                        </span>
                      </td>
                      <td data-label="Event">{eventLabel(delivery.eventType)}</td>
                      <td data-label="Attempts">{delivery.attempts}</td>
                      <td data-label="Response">{delivery.responseStatus ?? '—'}</td>
                      <td data-label="Duration">{durationLabel(delivery.durationMs)}</td>
                      <td class="admin-col-main webhook-error" data-label="Last error">
                        {delivery.lastError ?? '—'}
                      </td>
                      <td data-label="Time">
                        <time datetime={delivery.lastAttemptAt ?? delivery.createdAt}>{sinceText(delivery.lastAttemptAt ?? delivery.createdAt)}</time>
                      </td>
                      <td class="admin-col-actions">
                        <Show when={delivery.status !== 'PENDING'}>
                          <button type="button" class="button button-quiet" disabled={state.fetching} onClick={() => sendAgain(delivery.id)}>
                            Redeliver<span class="visually-hidden"> {eventLabel(delivery.eventType)}</span>
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Match>
      </Switch>
    </div>
  );
}
