import { Suspense, Show, type ParentProps } from 'solid-js';
import { A } from '@solidjs/router';
import { SignOutButton } from '../features/auth/sign-out-button';
import { TicketActionProvider } from '../features/ticket-actions';
import { session } from '../lib/session';
import { Avatar } from './avatar';
import { Brand } from './brand';
import { Loading } from './loading';
import { RoleBadge } from './role-badge';

/** The frame of every signed-in page: the product, who is signed in, sign out; the page below. */
export function AppShell(props: ParentProps) {
  return (
    <div class="shell">
      <header class="shell-header">
        <A href="/" class="shell-home">
          <Brand />
        </A>
        <div class="shell-account">
          <Show when={session.user()}>
            {(user) => (
              <span class="shell-user">
                <Avatar name={user().displayName} />
                <span class="shell-user-name">{user().displayName}</span>
                <RoleBadge role={user().role} />
              </span>
            )}
          </Show>
          <SignOutButton />
        </div>
      </header>
      <main class="shell-main">
        <TicketActionProvider>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </TicketActionProvider>
      </main>
    </div>
  );
}
