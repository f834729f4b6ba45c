// The one live stream of the viewer's new notifications. The bell (always on a signed-in page) subscribes and
// hands each arrival here; the panel and the page add it to the lists they show.
import type { Client } from '@urql/core';
import { createSignal } from 'solid-js';
import type { NotificationFieldsFragment } from '../../gql/graphql';
import { unreadNotificationCountQuery } from './notifications.graphql';

const [latest, setLatest] = createSignal<NotificationFieldsFragment>();

/** The newest notification that arrived live while this page was open. */
export const latestArrival = latest;

export function noteArrival(notification: NotificationFieldsFragment): void {
  setLatest(notification);
}

/**
 * Asks the server for the unread count again. The answer lands in the shared cache, so the bell (which reads
 * the same query) shows it at once; used after each arrival and after marking notifications read.
 */
export function refreshUnreadCount(client: Client): void {
  void client.query(unreadNotificationCountQuery, {}, { requestPolicy: 'network-only' }).toPromise();
}
