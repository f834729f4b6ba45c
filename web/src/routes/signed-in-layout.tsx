import { Navigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, lazy, Show, Suspense } from 'solid-js';
import { AppShell } from '../layout/app-shell';
import { rememberPage } from '../lib/last-list';
import { loginHref, session } from '../lib/session';

// The command palette's keys load after the page renders: not worth a byte of any page's first load.
const PaletteLauncher = lazy(() => import('../features/command-palette/palette-launcher').then((module) => ({ default: module.PaletteLauncher })));
// So do the single-key shortcuts (c, j/k, g b, ?), and the sheet that lists them on first `?`.
const ShortcutsLauncher = lazy(() => import('../features/shortcuts/shortcuts-launcher').then((module) => ({ default: module.ShortcutsLauncher })));

/**
 * Every page below needs a session: without one, sign in first and come back here. A one-time password
 * (an admin's reset) is replaced before anything else: until then every page sends the user to change it.
 */
export function SignedInLayout(props: RouteSectionProps) {
  // Where a deleted ticket's page returns to: the list or board opened last (lib/last-list.ts).
  createEffect(() => rememberPage({ pathname: props.location.pathname, search: props.location.search }));
  return (
    <Show when={session.isSignedIn()} fallback={<Navigate href={loginHref(props.location.pathname + props.location.search)} />}>
      <Show when={!session.mustChangePassword()} fallback={<Navigate href="/change-password" />}>
        <AppShell>
          {props.children}
          {/* Inside the shell: the palette runs ticket actions through the shell's action runner. */}
          <Suspense>
            <PaletteLauncher />
            <ShortcutsLauncher />
          </Suspense>
        </AppShell>
      </Show>
    </Show>
  );
}
