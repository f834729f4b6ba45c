import { Navigate, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { Brand } from '../../components/brand';
import { loginHref, session } from '../../lib/session';
import { SignOutButton } from '../auth/sign-out-button';
import { ChangePasswordForm } from './change-password-form';
import './accounts.css';

/**
 * Where a one-time password (an admin's reset) is replaced: every signed-in page sends the user here until
 * it is. Outside the app's frame on purpose: nothing else is reachable before the change.
 */
export function ChangePasswordPage() {
  const navigate = useNavigate();
  return (
    <Show when={session.isSignedIn()} fallback={<Navigate href={loginHref('/change-password')} />}>
      <main class="auth-page">
        <section class="auth-card" aria-labelledby="change-password-title">
          <header class="auth-header">
            <Brand />
            <h1 id="change-password-title">Choose a new password</h1>
            <Show when={session.mustChangePassword()} fallback={<p class="muted">Your other sessions end when the password changes.</p>}>
              <p class="muted">You signed in with a one-time password. Choose your own before you go on.</p>
            </Show>
          </header>
          <ChangePasswordForm wide onChanged={() => navigate('/', { replace: true })} />
          <div class="auth-switch">
            <SignOutButton />
          </div>
        </section>
      </main>
    </Show>
  );
}
