import { createQuery } from '@urql/solid';
import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { ProfileTabs } from '../profile/profile-tabs';
import { apiTokenFieldsFragment, apiTokensQuery } from './api-tokens.graphql';
import { SecretOnce } from './secret-once';
import { TokenForm } from './token-form';
import { TokenTable } from './token-table';
import '../admin/admin.css';
import './integrations.css';

/** Profile → API tokens: the person's own tokens for integrations; the secret is shown once, at creation. */
export function ApiTokensPage() {
  const [data, refetch] = createQuery({ query: apiTokensQuery, requestPolicy: 'cache-and-network' });
  const [secret, setSecret] = createSignal<string>();
  // An admin's list also holds service accounts' tokens: those are on Manage → Service accounts.
  const tokens = createMemo(() => {
    const viewerId = data.data?.viewer?.id;
    return getFragmentData(apiTokenFieldsFragment, data.data?.apiTokens ?? []).filter((token) => token.owner.id === viewerId);
  });
  return (
    <section class="page admin-page integration-page" aria-labelledby="tokens-title">
      <header class="admin-header integration-header">
        <ProfileTabs />
        <h1 class="page-title" id="tokens-title">
          API tokens
        </h1>
        <p class="muted integration-lead">
          A token lets a script or tool act as you: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It never does more than you may.
        </p>
      </header>
      <Show
        when={secret()}
        fallback={
          <TokenForm
            title="New token"
            ownerRole={data.data?.viewer?.role}
            onCreated={(token) => {
              setSecret(token);
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        }
      >
        {(token) => (
          <SecretOnce title="Your new token" label="API token" value={token()} onDone={() => setSecret(undefined)}>
            Only a fingerprint of it is kept; if you lose it, revoke it and make a new one.
          </SecretOnce>
        )}
      </Show>
      <h2 class="admin-section-title">Your tokens</h2>
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading your tokens…" />
        </Match>
        <Match when={tokens().length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">No tokens yet.</p>
            <p class="muted">Make one above for each tool, so you can revoke one without stopping the others.</p>
          </div>
        </Match>
        <Match when={tokens().length > 0}>
          <TokenTable tokens={tokens()} caption="Your API tokens" />
        </Match>
      </Switch>
    </section>
  );
}
