import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { TelegramLinkPanel } from './telegram-link-panel';

const answer: Responder = (operation) => {
  if (operation.operationName === 'CreateTelegramLinkCode') {
    return {
      data: {
        createTelegramLinkCode: {
          __typename: 'TelegramLinkCode',
          code: 'K7Q2XM',
          deepLink: 'https://t.me/juan365_bot?start=K7Q2XM',
          expiresAt: new Date(Date.now() + 600_000).toISOString(),
        },
      },
    };
  }
  if (operation.operationName === 'UnlinkTelegram') {
    return { data: { unlinkTelegram: { __typename: 'UnlinkTelegramPayload', user: { __typename: 'User', id: 'u1', telegramLinked: false } } } };
  }
  return { errors: [{ message: `unexpected ${operation.operationName}` }] };
};

function renderPanel(linked: boolean, respond: Responder = answer) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <TelegramLinkPanel linked={linked} telegramUsername={linked ? 'dana_d' : null} />
    </Provider>
  ));
  return fake;
}

afterEach(cleanup);

describe('TelegramLinkPanel', () => {
  it('gives a one-time code and the deep link that opens the bot with it', async () => {
    renderPanel(false);
    expect(screen.getByText('not linked')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Get a link code' }));
    expect((await screen.findByText('K7Q2XM')).tagName).toBe('CODE');
    expect(screen.getByRole('link', { name: 'Open Telegram' }).getAttribute('href')).toBe('https://t.me/juan365_bot?start=K7Q2XM');
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
  });

  it('says in plain words when Telegram is not set up on the server', async () => {
    renderPanel(false, () => ({
      errors: [{ message: 'Telegram is not configured on this server (TELEGRAM_BOT_USERNAME).', extensions: { code: 'BAD_USER_INPUT' } }],
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Get a link code' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Telegram is not configured on this server');
  });

  it('shows a linked account and unlinks it', async () => {
    const { sent } = renderPanel(true);
    expect(screen.getByText('linked (@dana_d)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Unlink Telegram' }));
    await screen.findByRole('button', { name: 'Unlink Telegram' });
    expect(sent.map((operation) => operation.operationName)).toContain('UnlinkTelegram');
  });
});
