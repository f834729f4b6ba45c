import { createQuery } from '@urql/solid';
import { createMemo, For, Match, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { apiTokenFieldsFragment } from './api-tokens.graphql';
import { ServiceAccountCard } from './service-account-card';
import { ServiceAccountForm } from './service-account-form';
import { serviceAccountsQuery } from './service-accounts.graphql';
import '../admin/admin.css';
import './integrations.css';

/** Manage → Service accounts (admins): accounts for integrations, which act only through their tokens. */
export function ServiceAccountsPage() {
  const [data, refetch] = createQuery({ query: serviceAccountsQuery, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const tokens = createMemo(() => getFragmentData(apiTokenFieldsFragment, data.data?.apiTokens ?? []));
  const tokensOf = (accountId: string) => tokens().filter((token) => token.owner.id === accountId);
  return (
    <section class="page admin-page integration-page" aria-labelledby="service-accounts-title">
      <header class="admin-header integration-header">
        <h1 class="page-title" id="service-accounts-title">
          Service accounts
        </h1>
        <p class="muted integration-lead">
          An integration’s own account: it has a role and department like a person, cannot sign in, and acts only through its tokens. Its changes show in
          history as “Name (service)”.
        </p>
      </header>
      <ServiceAccountForm departments={data.data?.departments ?? []} onCreated={reload} />
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading service accounts…" />
        </Match>
        <Match when={data.data?.users.nodes.length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">No service accounts yet.</p>
            <p class="muted">Make one above for each tool that works on tickets by itself.</p>
          </div>
        </Match>
        <Match when={data.data}>
          <h2 class="admin-section-title">Accounts ({data.data?.users.totalCount})</h2>
          <ul class="admin-cards service-accounts">
            <For each={data.data?.users.nodes}>
              {(account) => <ServiceAccountCard account={account} tokens={tokensOf(account.id)} onTokenCreated={reload} />}
            </For>
          </ul>
        </Match>
      </Switch>
    </section>
  );
}
