import { A, Navigate, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { Brand } from '../../components/brand';
import { session } from '../../lib/session';
import { LoginForm } from './login-form';

/** The sign-in page; once signed in (here or in another tab) it goes on to `?next=` or home. */
export function LoginPage() {
  const [params] = useSearchParams();
  const destination = () => safeNext(params.next);
  return (
    <Show when={!session.isSignedIn()} fallback={<Navigate href={destination()} />}>
      <main class="auth-page">
        <section class="auth-card" aria-labelledby="sign-in-title">
          <header class="auth-header">
            <Brand />
            <h1 id="sign-in-title">Sign in</h1>
            <p class="muted">Request, approve and deliver creative work.</p>
          </header>
          <LoginForm />
          <p class="auth-switch">
            New to the team? <A href="/register">Create an account</A>
          </p>
        </section>
      </main>
    </Show>
  );
}

/** Only a path on this site: `?next=//evil.example` must not send a fresh session elsewhere. */
function safeNext(next: string | string[] | undefined): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/login') ? '/' : next;
}
