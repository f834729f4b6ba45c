import { cleanup, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/fake-client';
import { NotificationBell } from './notification-bell';

afterEach(() => cleanup());

describe('NotificationBell', () => {
  it('announces no count until the server has answered (never "none unread" on a guess)', async () => {
    const fake = fakeClient((operation) =>
      operation.operationName === 'UnreadNotificationCount' ? { data: { unreadNotificationCount: 2 } } : { errors: [{ message: 'unexpected' }] },
    );
    render(() => (
      <Provider value={fake.client}>
        <NotificationBell />
      </Provider>
    ));
    expect(screen.getByRole('button').getAttribute('aria-label')).toBe('Notifications');
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeTruthy();
  });

  it('asks for the unread count again when its tab comes back into view (read elsewhere meanwhile)', async () => {
    let unread = 3;
    const fake = fakeClient((operation) =>
      operation.operationName === 'UnreadNotificationCount' ? { data: { unreadNotificationCount: unread } } : { errors: [{ message: 'unexpected' }] },
    );
    render(() => (
      <Provider value={fake.client}>
        <NotificationBell />
      </Provider>
    ));
    const bell = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    expect(bell.textContent).toBe('3');

    // Read in another tab: nothing arrives here until the tab is looked at again.
    unread = 0;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(bell.getAttribute('aria-label')).toBe('Notifications, none unread'));
    expect(bell.textContent).toBe('');
    expect(fake.sent.filter((operation) => operation.operationName === 'UnreadNotificationCount').length).toBe(2);
  });
});
