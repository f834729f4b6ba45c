import { createSignal, Show } from 'solid-js';
import { RoleBadge } from '../../components/role-badge';
import type { ApiTokenFieldsFragment, Role } from '../../gql/graphql';
import { SecretOnce } from './secret-once';
import { TokenForm } from './token-form';
import { TokenTable } from './token-table';

export type ServiceAccount = { id: string; username: string; displayName: string; role: Role; department?: { name: string } | null };

/** One service account: who it is, its tokens, and a new token for it (shown once). */
export function ServiceAccountCard(props: { account: ServiceAccount; tokens: readonly ApiTokenFieldsFragment[]; onTokenCreated: () => void }) {
  const [adding, setAdding] = createSignal(false);
  const [secret, setSecret] = createSignal<string>();
  const headingId = () => `service-${props.account.id}`;
  return (
    <li class="card admin-card service-account" aria-labelledby={headingId()}>
      <div class="service-account-head">
        <div>
          <h3 class="admin-row-name" id={headingId()}>
            {props.account.displayName}
          </h3>
          <span class="muted admin-row-sub">
            @{props.account.username} · {props.account.department?.name ?? 'No department'}
          </span>
        </div>
        <RoleBadge role={props.account.role} />
      </div>
      <Show when={secret()}>
        {(token) => (
          <SecretOnce title={`Token for ${props.account.displayName}`} label="API token" value={token()} onDone={() => setSecret(undefined)}>
            Put it in the integration’s settings; only a fingerprint of it is kept.
          </SecretOnce>
        )}
      </Show>
      <Show when={props.tokens.length > 0} fallback={<p class="muted">No tokens yet: it cannot do anything until it has one.</p>}>
        <TokenTable tokens={props.tokens} caption={`Tokens of ${props.account.displayName}`} />
      </Show>
      <Show
        when={adding()}
        fallback={
          <div>
            <button type="button" class="button" onClick={() => setAdding(true)}>
              New token<span class="visually-hidden"> for {props.account.displayName}</span>
            </button>
          </div>
        }
      >
        <TokenForm
          title={`New token for ${props.account.displayName}`}
          ownerId={props.account.id}
          ownerRole={props.account.role}
          onCancel={() => setAdding(false)}
          onCreated={(token) => {
            setAdding(false);
            setSecret(token);
            props.onTokenCreated();
          }}
        />
      </Show>
    </li>
  );
}
