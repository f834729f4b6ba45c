// The bell (which the shell loads after the page renders) and the notifications page, loaded together as one
// chunk: they share the notifications' documents and list, and one chunk is one file name in the first load.
export { NotificationBell } from './notification-bell';
export { NotificationsPage } from './notifications-page';
