import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { NotificationPreferencesForm, type StoredPreferences } from './notification-preferences-form';

const saved: Responder = (operation) =>
  operation.operationName === 'UpdateNotificationPreferences'
    ? {
        data: {
          updateNotificationPreferences: {
            __typename: 'NotificationPreferencesPayload',
            preferences: { __typename: 'NotificationPreferences', mutedKinds: [], telegramDm: false, quietHoursStart: null, quietHoursEnd: null },
          },
        },
      }
    : { errors: [{ message: `unexpected ${operation.operationName}` }] };

function renderForm(preferences: StoredPreferences, options: { telegramLinked?: boolean; respond?: Responder } = {}) {
  const fake = fakeClient(options.respond ?? saved);
  render(() => (
    <Provider value={fake.client}>
      <NotificationPreferencesForm preferences={preferences} telegramLinked={options.telegramLinked ?? false} timeZone="Asia/Manila" />
    </Provider>
  ));
  return fake;
}

const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const saves = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((operation) => operation.operationName === 'UpdateNotificationPreferences');

afterEach(cleanup);

describe('NotificationPreferencesForm', () => {
  it('shows the stored choices: muted kinds unticked, quiet hours as times in the time zone', () => {
    renderForm({ mutedKinds: ['COMMENT_ADDED'], telegramDm: false, quietHoursStart: 1320, quietHoursEnd: 420 });
    expect(checkbox('Comments').checked).toBe(false);
    expect(checkbox('Mentions of you').checked).toBe(true);
    expect(checkbox('Hold live pop-ups and Telegram messages during quiet hours').checked).toBe(true);
    expect((screen.getByLabelText('Quiet from') as HTMLInputElement).value).toBe('22:00');
    expect((screen.getByLabelText('Quiet until') as HTMLInputElement).value).toBe('07:00');
    expect(screen.getByText(/From 22:00 until 07:00 the next day\. Times are in your time zone, Asia\/Manila\./)).toBeTruthy();
  });

  it('saves the kinds to mute and the quiet hours in minutes after midnight', async () => {
    const { sent } = renderForm(null);
    expect(screen.queryByLabelText('Quiet from')).toBeNull();
    fireEvent.click(checkbox('Comments'));
    fireEvent.click(checkbox('New requests'));
    fireEvent.click(checkbox('Hold live pop-ups and Telegram messages during quiet hours'));
    fireEvent.input(screen.getByLabelText('Quiet from'), { target: { value: '21:30' } });
    fireEvent.input(screen.getByLabelText('Quiet until'), { target: { value: '06:45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await screen.findByText('Saved.');
    expect(saves(sent)[0]?.variables).toEqual({
      input: { mutedKinds: ['TICKET_CREATED', 'COMMENT_ADDED'], telegramDm: false, quietHoursStart: 1290, quietHoursEnd: 405 },
    });
  });

  it('refuses quiet hours that start and end at the same time, and clears them when turned off', async () => {
    const { sent } = renderForm({ mutedKinds: [], telegramDm: false, quietHoursStart: 1320, quietHoursEnd: 420 });
    fireEvent.input(screen.getByLabelText('Quiet until'), { target: { value: '22:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    expect(await screen.findByText('Quiet hours must end at another time than they start.')).toBeTruthy();
    expect(screen.getByLabelText('Quiet from').getAttribute('aria-invalid')).toBe('true');
    expect(saves(sent)).toHaveLength(0);

    fireEvent.click(checkbox('Hold live pop-ups and Telegram messages during quiet hours'));
    fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await waitFor(() => expect(saves(sent)).toHaveLength(1));
    expect(saves(sent)[0]?.variables).toEqual({ input: { mutedKinds: [], telegramDm: false, clearQuietHours: true } });
  });

  it('offers Telegram direct messages only once Telegram is linked', async () => {
    renderForm({ mutedKinds: [], telegramDm: false }, { telegramLinked: false });
    expect(checkbox('Also send me Telegram direct messages').disabled).toBe(true);
    expect(screen.getByText('Link your Telegram account below to turn this on.')).toBeTruthy();
    cleanup();

    const { sent } = renderForm({ mutedKinds: [], telegramDm: false }, { telegramLinked: true });
    fireEvent.click(checkbox('Also send me Telegram direct messages'));
    fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await screen.findByText('Saved.');
    expect(saves(sent)[0]?.variables).toMatchObject({ input: { telegramDm: true } });
  });

  it('says in plain words when the server refuses', async () => {
    renderForm(null, {
      respond: () => ({
        errors: [{ message: 'quiet hours need both a start and an end, or neither', extensions: { code: 'BAD_USER_INPUT', field: 'quietHoursStart' } }],
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('quiet hours need both a start and an end, or neither');
    expect(screen.queryByText('Saved.')).toBeNull();
  });
});
