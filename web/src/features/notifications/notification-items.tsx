import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { NotificationFieldsFragment } from '../../gql/graphql';
import { sinceText } from '../../lib/ticket-dates';

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;
const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The server writes instants in notice texts as ISO 8601 ("Due 2026-11-30T20:01:10Z"); show them in local time. */
export function localTimes(text: string): string {
  return text.replace(ISO_INSTANT, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : instantFormat.format(date);
  });
}

/**
 * Notifications, newest first: each says what happened and links to its ticket (opening it marks it read),
 * and an unread one can be marked read where it stands.
 */
export function NotificationItems(props: {
  items: readonly NotificationFieldsFragment[];
  onMarkRead: (id: string) => void;
  /** Called after a notification's ticket link was followed (the panel closes). */
  onOpen?: () => void;
  label: string;
}) {
  return (
    <ul class="notification-list" aria-label={props.label}>
      <For each={props.items}>
        {(item) => (
          <li class="notification" classList={{ 'notification-unread': !item.read }} data-notification-id={item.id}>
            <span class="notification-dot" aria-hidden="true" />
            <div class="notification-main">
              <Show when={item.ticket} fallback={<p class="notification-title">{item.title}</p>}>
                {(ticket) => (
                  <A
                    class="notification-title"
                    href={`/tickets/${ticket().number}`}
                    onClick={() => {
                      if (!item.read) props.onMarkRead(item.id);
                      props.onOpen?.();
                    }}
                  >
                    {item.title}
                    <Show when={!item.read}>
                      <span class="visually-hidden"> (unread)</span>
                    </Show>
                  </A>
                )}
              </Show>
              <Show when={item.body}>
                <p class="notification-body">{localTimes(item.body)}</p>
              </Show>
              <p class="notification-meta">
                <Show when={item.actor}>{(actor) => <span>{actor().displayName} · </span>}</Show>
                <time datetime={item.createdAt} title={new Date(item.createdAt).toLocaleString()}>
                  {sinceText(item.createdAt)}
                </time>
              </p>
            </div>
            <Show when={!item.read}>
              <button type="button" class="button button-quiet notification-mark" onClick={() => props.onMarkRead(item.id)}>
                Mark read<span class="visually-hidden">: {item.title}</span>
              </button>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
