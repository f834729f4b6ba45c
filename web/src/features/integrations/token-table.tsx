import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { ApiTokenFieldsFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { formatDue, sinceText } from '../../lib/ticket-dates';
import { revokeApiTokenMutation } from './api-tokens.graphql';
import { byState, SCOPE_LABELS, type TokenState, tokenState } from './token-rules';

const STATE_LABELS: Record<TokenState, string> = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };

/** A list of tokens (never their secrets): what each may do, when it was made, last used and ends; revoke with a confirmation. */
export function TokenTable(props: { tokens: readonly ApiTokenFieldsFragment[]; caption: string }) {
  const [revoking, setRevoking] = createSignal<ApiTokenFieldsFragment>();
  const [, revoke] = createMutation(revokeApiTokenMutation);
  const now = () => new Date();
  return (
    <>
      <table class="data-table admin-table integration-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={byState(props.tokens, now())}>
            {(token) => {
              const state = () => tokenState(token, now());
              return (
                <tr class="admin-row" classList={{ 'admin-row-inactive': state() !== 'active' }}>
                  <td class="admin-col-main">
                    <span class="admin-row-name">{token.name}</span>
                    <code class="admin-row-sub integration-prefix">{token.prefix}…</code>
                  </td>
                  <td data-label="Scopes">
                    <span class="integration-badges">
                      <For each={token.scopes}>{(scope) => <span class="badge badge-notice">{SCOPE_LABELS[scope]}</span>}</For>
                    </span>
                  </td>
                  <td data-label="Created">{formatDue(token.createdAt)}</td>
                  <td data-label="Expires">{token.expiresAt ? formatDue(token.expiresAt) : 'Never'}</td>
                  <td data-label="Last used">{token.lastUsedAt ? sinceText(token.lastUsedAt) : 'Never'}</td>
                  <td data-label="Status">
                    <span class={`badge integration-state integration-state-${state()}`}>{STATE_LABELS[state()]}</span>
                  </td>
                  <td class="admin-col-actions">
                    <Show when={state() === 'active'}>
                      <button type="button" class="button button-quiet admin-danger-text" onClick={() => setRevoking(token)}>
                        Revoke<span class="visually-hidden"> {token.name}</span>
                      </button>
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <Show when={revoking()}>
        {(token) => (
          <ConfirmDialog
            title={`Revoke “${token().name}”?`}
            confirmLabel="Revoke token"
            danger
            onClose={() => setRevoking(undefined)}
            onConfirm={async () => {
              const result = await revoke({ input: { id: token().id } });
              if (result.error) return describeError(result.error);
              setRevoking(undefined);
              return undefined;
            }}
          >
            <p>It stops working at once, open connections included. Whatever uses it will need a new token.</p>
          </ConfirmDialog>
        )}
      </Show>
    </>
  );
}
