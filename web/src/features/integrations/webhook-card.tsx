import { createMutation } from '@urql/solid';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import type { WebhookFieldsFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { formatDue } from '../../lib/ticket-dates';
import { WebhookDeliveries } from './webhook-deliveries';
import { eventsSummary } from './webhook-rules';
import { deleteWebhookMutation, updateWebhookMutation } from './webhooks.graphql';

/** One endpoint: where it points, what it receives, whether it is on; turn it off or on, delete it, open its log. */
export function WebhookCard(props: { webhook: WebhookFieldsFragment; onDeleted: () => void }) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [updating, update] = createMutation(updateWebhookMutation);
  const [, remove] = createMutation(deleteWebhookMutation);
  const name = () => props.webhook.description || props.webhook.url;
  const setEnabled = async (enabled: boolean) => {
    setFailure(undefined);
    const result = await update({ input: { id: props.webhook.id, enabled } });
    if (result.error) setFailure(describeError(result.error));
  };

  return (
    <li class="card admin-card webhook" classList={{ 'webhook-off': !props.webhook.enabled }} aria-labelledby={`${id}-title`}>
      <div class="service-account-head">
        <div class="webhook-title">
          <h3 class="admin-row-name" id={`${id}-title`}>
            {name()}
          </h3>
          <Show when={props.webhook.description}>
            <span class="integration-url admin-row-sub">{props.webhook.url}</span>
          </Show>
        </div>
        <span class={`badge integration-state ${props.webhook.enabled ? 'integration-state-active' : 'integration-state-revoked'}`}>
          {props.webhook.enabled ? 'Enabled' : 'Disabled'}
        </span>
      </div>
      <dl class="facts webhook-facts">
        <dt>Events</dt>
        <dd>{eventsSummary(props.webhook.events)}</dd>
        <dt>Tickets of</dt>
        <dd>{props.webhook.department?.name ?? 'Every department its owner can see'}</dd>
        <dt>Owner</dt>
        <dd>
          {props.webhook.owner.displayName}, since {formatDue(props.webhook.createdAt)}
        </dd>
        <Show when={!props.webhook.enabled && props.webhook.disabledReason}>
          <dt>Why off</dt>
          <dd>{props.webhook.disabledReason}</dd>
        </Show>
      </dl>
      <ErrorBanner message={failure()} />
      <div class="webhook-actions">
        <button type="button" class="button" aria-expanded={open()} aria-controls={`${id}-log`} onClick={() => setOpen(!open())}>
          {open() ? 'Hide deliveries' : 'Deliveries'}
          <span class="visually-hidden"> of {name()}</span>
        </button>
        <button type="button" class="button button-quiet" disabled={updating.fetching} onClick={() => setEnabled(!props.webhook.enabled)}>
          {props.webhook.enabled ? 'Disable' : 'Enable'}
          <span class="visually-hidden"> {name()}</span>
        </button>
        <button type="button" class="button button-quiet admin-danger-text" onClick={() => setDeleting(true)}>
          Delete<span class="visually-hidden"> {name()}</span>
        </button>
      </div>
      <div id={`${id}-log`}>
        <Show when={open()}>
          <WebhookDeliveries webhookId={props.webhook.id} label={`Deliveries of ${name()}, newest first`} />
        </Show>
      </div>
      <Show when={deleting()}>
        <ConfirmDialog
          title={`Delete the webhook “${name()}”?`}
          confirmLabel="Delete webhook"
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            const result = await remove({ input: { id: props.webhook.id } });
            if (result.error) return describeError(result.error);
            setDeleting(false);
            props.onDeleted();
            return undefined;
          }}
        >
          <p>Nothing more is sent to {props.webhook.url}, and its delivery log goes too. To pause it instead, disable it.</p>
        </ConfirmDialog>
      </Show>
    </li>
  );
}
