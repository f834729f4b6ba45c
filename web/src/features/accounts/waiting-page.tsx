import { A, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { Brand } from '../../components/brand';
import './accounts.css';

/** After registering: nothing to do but wait for an admin's approval. */
export function WaitingPage() {
  const [params] = useSearchParams();
  const username = () => (typeof params.username === 'string' ? params.username : undefined);
  return (
    <main class="auth-page">
      <section class="auth-card" aria-labelledby="waiting-title">
        <header class="auth-header">
          <Brand />
          <h1 id="waiting-title">Waiting for approval</h1>
        </header>
        <p>
          Your account
          <Show when={username()}>
            {(name) => (
              <>
                {' '}
                <strong>{name()}</strong>
              </>
            )}
          </Show>{' '}
          is created. An admin has to approve it before you can sign in.
        </p>
        <p class="muted">There is nothing else to do now: try signing in once your admin tells you the account is approved.</p>
        <A href="/login" class="button button-quiet button-block">
          Go to sign in
        </A>
      </section>
    </main>
  );
}
