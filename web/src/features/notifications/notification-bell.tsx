import { createQuery, createSubscription, useClient } from '@urql/solid';
import { createSignal, lazy, onCleanup, Show, Suspense } from 'solid-js';
import { getFragmentData } from '../../gql';
import { noteArrival, refreshUnreadCount } from './notification-live';
import { notificationAddedSubscription, notificationFieldsFragment, unreadNotificationCountQuery } from './notifications.graphql';
import './notifications.css';

const NotificationPanel = lazy(() => import('./notification-panel').then((module) => ({ default: module.NotificationPanel })));

/**
 * The bell in the app's header: the unread count, live (each new notification asks for the count again), and
 * a panel with the latest ones. The shell loads this after the page renders; the panel loads on first open.
 * Reading notifications in another tab or on another device sends nothing here, so the count is asked for
 * again whenever this tab comes back into view.
 */
export function NotificationBell() {
  const client = useClient();
  const [count] = createQuery({ query: unreadNotificationCountQuery, requestPolicy: 'cache-and-network' });
  createSubscription({ query: notificationAddedSubscription }, (_previous, data) => {
    noteArrival(getFragmentData(notificationFieldsFragment, data.notificationAdded));
    refreshUnreadCount(client);
    return data;
  });
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let trigger!: HTMLButtonElement;
  const unread = () => count.data?.unreadNotificationCount ?? 0;
  // Until the count is known the bell claims nothing: "none unread" before the answer would be a guess.
  const label = () => {
    if (!count.data) return 'Notifications';
    return unread() === 0 ? 'Notifications, none unread' : `Notifications, ${unread()} unread`;
  };

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.focus();
  };
  const onDocumentClick = (event: MouseEvent) => {
    if (open() && !root.contains(event.target as Node)) setOpen(false);
  };
  const onDocumentKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) close(true);
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') refreshUnreadCount(client);
  };
  document.addEventListener('click', onDocumentClick);
  document.addEventListener('keydown', onDocumentKey);
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => {
    document.removeEventListener('click', onDocumentClick);
    document.removeEventListener('keydown', onDocumentKey);
    document.removeEventListener('visibilitychange', onVisibility);
  });

  return (
    <div class="bell" ref={root}>
      <button
        ref={trigger}
        type="button"
        class="bell-button"
        aria-label={label()}
        aria-expanded={open()}
        aria-controls="notification-panel"
        data-unread={count.data ? unread() : undefined}
        onClick={() => setOpen(!open())}
      >
        <svg class="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
            d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15L6 16ZM10 20a2 2 0 0 0 4 0"
          />
        </svg>
        <Show when={unread() > 0}>
          <span class="bell-count" aria-hidden="true">
            {unread() > 99 ? '99+' : unread()}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <Suspense fallback={<div class="bell-panel" id="notification-panel" />}>
          <NotificationPanel unread={unread()} onClose={() => close(false)} />
        </Suspense>
      </Show>
    </div>
  );
}
