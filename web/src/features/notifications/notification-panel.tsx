import { A } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { Match, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { NotificationItems } from './notification-items';
import { createNotificationList } from './notification-list-model';

const PANEL_SIZE = 8;

/** The bell's panel: the latest notifications, "Mark all read", and the way to all of them. */
export function NotificationPanel(props: { unread: number; onClose: () => void }) {
  const list = createNotificationList(useClient(), { pageSize: PANEL_SIZE, unreadOnly: () => false });
  return (
    <section class="bell-panel" id="notification-panel" aria-labelledby="notification-panel-title">
      <header class="bell-panel-header">
        <h2 id="notification-panel-title">Notifications</h2>
        <button type="button" class="link-button" disabled={props.unread === 0 && !list.hasUnread()} onClick={() => void list.markAllRead()}>
          Mark all read
        </button>
      </header>
      <ErrorBanner message={list.error()} />
      <Switch>
        <Match when={list.loading()}>
          <Loading label="Loading notifications…" />
        </Match>
        <Match when={list.items().length === 0 && !list.error()}>
          <p class="bell-panel-empty muted">No notifications yet. Mentions, approvals and changes to your tickets show up here.</p>
        </Match>
        <Match when={list.items().length > 0}>
          <NotificationItems label="Latest notifications" items={list.items()} onMarkRead={(id) => void list.markRead(id)} onOpen={props.onClose} />
        </Match>
      </Switch>
      <footer class="bell-panel-footer">
        <A href="/notifications" onClick={props.onClose}>
          See all notifications
        </A>
      </footer>
    </section>
  );
}
