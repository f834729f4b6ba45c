import { useSearchParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { NotificationItems } from './notification-items';
import { createNotificationList } from './notification-list-model';
import './notifications.css';

const PAGE_SIZE = 20;

/** All of the viewer's notifications, newest first, or only the unread ones (kept in the URL as ?unread=1). */
export function NotificationsPage() {
  const [search, setSearch] = useSearchParams<{ unread?: string }>();
  const unreadOnly = () => search.unread === '1';
  const list = createNotificationList(useClient(), { pageSize: PAGE_SIZE, unreadOnly });

  return (
    <section class="page notifications-page" aria-labelledby="notifications-title">
      <header class="notifications-header">
        <h1 class="page-title" id="notifications-title">
          Notifications
        </h1>
        <button type="button" class="button button-quiet" disabled={!list.hasUnread()} onClick={() => void list.markAllRead()}>
          Mark all read
        </button>
      </header>
      <fieldset class="segmented">
        <legend class="visually-hidden">Which notifications</legend>
        <button type="button" class="segmented-option" aria-pressed={!unreadOnly()} onClick={() => setSearch({ unread: undefined })}>
          All
        </button>
        <button type="button" class="segmented-option" aria-pressed={unreadOnly()} onClick={() => setSearch({ unread: '1' })}>
          Unread only
        </button>
      </fieldset>
      <ErrorBanner message={list.error()} />
      <Switch>
        <Match when={list.loading()}>
          <Loading label="Loading notifications…" />
        </Match>
        <Match when={list.items().length === 0 && !list.error()}>
          <div class="notifications-empty">
            <Show when={unreadOnly()} fallback={<p>No notifications yet. Mentions, approvals and changes to your tickets will show up here.</p>}>
              <p>You have read everything.</p>
            </Show>
          </div>
        </Match>
        <Match when={list.items().length > 0}>
          <NotificationItems label={unreadOnly() ? 'Unread notifications' : 'Notifications'} items={list.items()} onMarkRead={(id) => void list.markRead(id)} />
          <Show when={list.hasMore()}>
            <button type="button" class="button button-quiet notifications-more" disabled={list.loadingMore()} onClick={() => void list.loadMore()}>
              {list.loadingMore() ? 'Loading older…' : 'Show older notifications'}
            </button>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
