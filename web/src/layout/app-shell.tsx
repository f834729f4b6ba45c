import { A, useLocation } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { createSignal, lazy, onCleanup, onMount, type ParentProps, Suspense } from 'solid-js';
import { Brand } from '../components/brand';
import { ConnectionIndicator } from '../components/connection-indicator';
import { Loading } from '../components/loading';
import { UserMenu } from '../components/user-menu';
import { TicketActionProvider } from '../features/ticket-actions';
import { startTicketEvents } from '../lib/ticket-events';
import { MainNav } from './main-nav';
import './app-shell.css';

// The bell loads after the page renders: the live count is not worth a byte of any page's first load.
// So does the command palette's Search button (its keys load with it, in the signed-in layout).
const PaletteButton = lazy(() => import('../features/command-palette/palette-launcher').then((module) => ({ default: module.PaletteButton })));
const NotificationBell = lazy(() => import('../features/notifications').then((module) => ({ default: module.NotificationBell })));

/**
 * The frame of every signed-in page: the product, the sections, "New request", the live connection and
 * the account menu; the page below. It also runs the one live ticket-event stream every view relies on.
 */
export function AppShell(props: ParentProps) {
  const client = useClient();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = createSignal(false);
  onMount(() => onCleanup(startTicketEvents(client)));
  const closeMenuOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && menuOpen()) setMenuOpen(false);
  };
  document.addEventListener('keydown', closeMenuOnEscape);
  onCleanup(() => document.removeEventListener('keydown', closeMenuOnEscape));

  return (
    <div class="shell" classList={{ 'shell-menu-open': menuOpen() }}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="shell-header">
        <div class="shell-start">
          <button type="button" class="shell-menu-button" aria-expanded={menuOpen()} aria-controls="shell-nav" onClick={() => setMenuOpen(!menuOpen())}>
            <span class="shell-menu-icon" aria-hidden="true" />
            <span class="visually-hidden">Menu</span>
          </button>
          <A href="/" class="shell-home">
            <Brand />
          </A>
          <div class="shell-nav" id="shell-nav">
            <MainNav onNavigate={() => setMenuOpen(false)} />
          </div>
        </div>
        <div class="shell-account">
          <Suspense fallback={<span class="palette-placeholder" />}>
            <PaletteButton />
          </Suspense>
          <ConnectionIndicator />
          <A href="/new" class="button button-primary shell-new" onClick={() => setMenuOpen(false)}>
            <span aria-hidden="true">+</span> New request
          </A>
          <Suspense fallback={<span class="bell-placeholder" />}>
            <NotificationBell />
          </Suspense>
          <UserMenu />
        </div>
      </header>
      <main class="shell-main" id="main" tabindex="-1" data-path={location.pathname}>
        <TicketActionProvider>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </TicketActionProvider>
      </main>
    </div>
  );
}
