import { Navigate, type RouteSectionProps } from '@solidjs/router';
import { Show } from 'solid-js';
import { AppShell } from '../layout/app-shell';
import { loginHref, session } from '../lib/session';

/**
 * Every page below needs a session: without one, sign in first and come back here. A one-time password
 * (an admin's reset) is replaced before anything else: until then every page sends the user to change it.
 */
export function SignedInLayout(props: RouteSectionProps) {
  return (
    <Show when={session.isSignedIn()} fallback={<Navigate href={loginHref(props.location.pathname + props.location.search)} />}>
      <Show when={!session.mustChangePassword()} fallback={<Navigate href="/change-password" />}>
        <AppShell>{props.children}</AppShell>
      </Show>
    </Show>
  );
}
