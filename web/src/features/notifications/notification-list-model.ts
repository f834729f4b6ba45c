// A list of the viewer's notifications, newest first, as the panel and the page show it: loads a page at a
// time, takes live arrivals in at the top, marks one or all read (at once on screen, then on the server;
// put back if the server refuses), and keeps the bell's count in step.
import type { Client } from '@urql/core';
import { createEffect, createSignal, on } from 'solid-js';
import { getFragmentData } from '../../gql';
import type { NotificationFieldsFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { latestArrival, refreshUnreadCount } from './notification-live';
import { markNotificationsReadMutation, notificationFieldsFragment, notificationsQuery } from './notifications.graphql';

export type NotificationList = ReturnType<typeof createNotificationList>;

export function createNotificationList(client: Client, options: { pageSize: number; unreadOnly: () => boolean }) {
  const [items, setItems] = createSignal<NotificationFieldsFragment[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [hasMore, setHasMore] = createSignal(false);
  let generation = 0;

  async function load(more: boolean): Promise<void> {
    const mine = more ? generation : ++generation;
    if (more) setLoadingMore(true);
    else setLoading(true);
    setError(undefined);
    const result = await client
      .query(
        notificationsQuery,
        { first: options.pageSize, after: more ? cursor() : null, unreadOnly: options.unreadOnly() },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (mine !== generation) return; // the filter changed meanwhile: a newer load owns the list
    setLoading(false);
    setLoadingMore(false);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : 'The notifications could not be loaded.');
      return;
    }
    const page = result.data.notifications;
    const nodes = getFragmentData(notificationFieldsFragment, page.nodes);
    if (more) {
      const seen = new Set(items().map((item) => item.id));
      setItems([...items(), ...nodes.filter((node) => !seen.has(node.id))]);
    } else setItems([...nodes]);
    setCursor(page.pageInfo.endCursor ?? null);
    setHasMore(page.pageInfo.hasNextPage);
  }

  createEffect(on(options.unreadOnly, () => void load(false)));
  createEffect(
    on(
      latestArrival,
      (arrived) => {
        if (!arrived || items().some((item) => item.id === arrived.id)) return;
        if (options.unreadOnly() && arrived.read) return;
        setItems([arrived, ...items()]);
      },
      { defer: true },
    ),
  );

  async function mark(input: { ids: string[] } | { all: true }): Promise<boolean> {
    const before = items();
    const marked = 'all' in input ? null : new Set(input.ids);
    setItems(before.map((item) => (marked === null || marked.has(item.id) ? { ...item, read: true } : item)));
    setError(undefined);
    const result = await client.mutation(markNotificationsReadMutation, { input }).toPromise();
    if (result.error) {
      setItems(before);
      setError(describeError(result.error));
      return false;
    }
    refreshUnreadCount(client);
    return true;
  }

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore,
    loadMore: () => load(true),
    reload: () => load(false),
    markRead: (id: string) => mark({ ids: [id] }),
    markAllRead: () => mark({ all: true }),
    hasUnread: () => items().some((item) => !item.read),
  };
}
