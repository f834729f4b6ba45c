import { A, Navigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { Brand } from '../../components/brand';
import { session } from '../../lib/session';
import { RegisterForm } from './register-form';
import './accounts.css';

/** A new member asks for an account; an admin approves it before they can sign in. */
export function RegisterPage() {
  return (
    <Show when={!session.isSignedIn()} fallback={<Navigate href="/" />}>
      <main class="auth-page">
        <section class="auth-card auth-card-wide" aria-labelledby="register-title">
          <header class="auth-header">
            <Brand />
            <h1 id="register-title">Create your account</h1>
            <p class="muted">An admin approves new accounts before they can sign in.</p>
          </header>
          <RegisterForm />
          <p class="auth-switch">
            Already have an account? <A href="/login">Sign in</A>
          </p>
        </section>
      </main>
    </Show>
  );
}
