import { createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { SecretOnce } from './secret-once';
import { WebhookCard } from './webhook-card';
import { WebhookForm } from './webhook-form';
import { webhookFieldsFragment, webhooksQuery } from './webhooks.graphql';
import '../admin/admin.css';
import './integrations.css';

/** Manage → Webhooks (managers and admins): endpoints that receive ticket events as signed POSTs, with their delivery logs. */
export function WebhooksPage() {
  const [data, refetch] = createQuery({ query: webhooksQuery, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [secret, setSecret] = createSignal<string>();
  const webhooks = () => getFragmentData(webhookFieldsFragment, data.data?.webhooks ?? []);
  return (
    <section class="page admin-page integration-page" aria-labelledby="webhooks-title">
      <header class="admin-header integration-header">
        <h1 class="page-title" id="webhooks-title">
          Webhooks
        </h1>
        <p class="muted integration-lead">
          Each ticket event you could follow live is POSTed as JSON to your endpoint, signed with its secret (the <code>webhook-signature</code> header). Failed
          deliveries are retried for a day.
        </p>
      </header>
      <Show
        when={secret()}
        fallback={
          <WebhookForm
            departments={data.data?.departments ?? []}
            onCreated={(created) => {
              setSecret(created);
              reload();
            }}
          />
        }
      >
        {(value) => (
          <SecretOnce title="Signing secret of the new webhook" label="Signing secret" value={value()} onDone={() => setSecret(undefined)}>
            The receiver verifies each request with it.
          </SecretOnce>
        )}
      </Show>
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading webhooks…" />
        </Match>
        <Match when={webhooks().length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">No webhooks yet.</p>
            <p class="muted">Add an endpoint above to push ticket changes to another tool.</p>
          </div>
        </Match>
        <Match when={webhooks().length > 0}>
          <h2 class="admin-section-title">Endpoints ({webhooks().length})</h2>
          <ul class="admin-cards service-accounts">
            <For each={webhooks()}>{(webhook) => <WebhookCard webhook={webhook} onDeleted={reload} />}</For>
          </ul>
        </Match>
      </Switch>
    </section>
  );
}
