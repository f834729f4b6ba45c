import { createMutation, useClient } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../lib/graphql-errors';
import { createTelegramLinkCodeMutation, profileQuery, unlinkTelegramMutation } from './profile.graphql';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * Linking a Telegram account: a one-time code (valid for minutes) to send to the team's bot, or a deep link
 * that opens the bot with it; once the bot has it, "Check again" shows the account linked. Unlinking stops
 * direct messages and approval taps from that account.
 */
export function TelegramLinkPanel(props: { linked: boolean; telegramUsername: string | null | undefined }) {
  const client = useClient();
  const [code, sendCode] = createMutation(createTelegramLinkCodeMutation);
  const [unlink, sendUnlink] = createMutation(unlinkTelegramMutation);
  const [issued, setIssued] = createSignal<{ code: string; deepLink: string; expiresAt: string }>();
  const [failure, setFailure] = createSignal<string>();
  const [checking, setChecking] = createSignal(false);

  const getCode = async () => {
    setFailure(undefined);
    const result = await sendCode({});
    if (result.error) setFailure(describeError(result.error));
    else if (result.data) setIssued(result.data.createTelegramLinkCode);
  };
  const checkAgain = async () => {
    setChecking(true);
    const result = await client.query(profileQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setChecking(false);
    if (result.error) setFailure(describeError(result.error));
    else if (result.data?.viewer?.telegramLinked) setIssued(undefined);
  };
  const removeLink = async () => {
    setFailure(undefined);
    const result = await sendUnlink({});
    if (result.error) setFailure(describeError(result.error));
  };

  return (
    <div class="telegram-panel">
      <ErrorBanner message={failure()} />
      <p class="telegram-status">
        Status:{' '}
        <strong>
          <Show when={props.linked} fallback="not linked">
            linked{props.telegramUsername ? ` (@${props.telegramUsername})` : ''}
          </Show>
        </strong>
      </p>
      <Show
        when={props.linked}
        fallback={
          <Show
            when={issued()}
            fallback={
              <>
                <p class="muted">Link your Telegram account to get direct messages and to approve requests from the team's chat.</p>
                <div>
                  <button type="button" class="button button-quiet" disabled={code.fetching} onClick={() => void getCode()}>
                    {code.fetching ? 'Getting a code…' : 'Get a link code'}
                  </button>
                </div>
              </>
            }
          >
            {(link) => (
              <div class="telegram-code">
                <p>
                  Send this code to the bot, or open the link on a device with Telegram. It works once, until {timeFormat.format(new Date(link().expiresAt))}.
                </p>
                <p class="telegram-code-line">
                  Link code: <code class="telegram-code-value">{link().code}</code>
                </p>
                <div class="form-actions">
                  <a class="button button-primary" href={link().deepLink} target="_blank" rel="noopener noreferrer">
                    Open Telegram
                  </a>
                  <button type="button" class="button button-quiet" disabled={checking()} onClick={() => void checkAgain()}>
                    {checking() ? 'Checking…' : 'Check again'}
                  </button>
                  <button type="button" class="link-button" disabled={code.fetching} onClick={() => void getCode()}>
                    New code
                  </button>
                </div>
              </div>
            )}
          </Show>
        }
      >
        <div>
          <button type="button" class="button button-quiet" disabled={unlink.fetching} onClick={() => void removeLink()}>
            {unlink.fetching ? 'Unlinking…' : 'Unlink Telegram'}
          </button>
        </div>
      </Show>
    </div>
  );
}
