import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import type { NotificationKind } from '../../gql/schema-enums';
import { describeError } from '../../lib/graphql-errors';
import {
  describeQuietHours,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  preferencesInput,
  quietHoursDraft,
  quietHoursProblem,
} from './notification-settings';
import { updateNotificationPreferencesMutation } from './profile.graphql';

export type StoredPreferences = {
  mutedKinds: readonly NotificationKind[];
  telegramDm: boolean;
  quietHoursStart?: number | null;
  quietHoursEnd?: number | null;
} | null;

/**
 * Which notifications to receive, quiet hours in the person's own time zone (live pop-ups and Telegram
 * messages wait until they end; the notifications still collect in the list), and Telegram direct messages
 * (only once a Telegram account is linked).
 */
export function NotificationPreferencesForm(props: { preferences: StoredPreferences; telegramLinked: boolean; timeZone: string }) {
  const [save, sendSave] = createMutation(updateNotificationPreferencesMutation);
  const muted = new Set(props.preferences?.mutedKinds ?? []);
  const [received, setReceived] = createSignal<ReadonlySet<NotificationKind>>(new Set(NOTIFICATION_KINDS.filter((kind) => !muted.has(kind))));
  const [telegramDm, setTelegramDm] = createSignal(props.preferences?.telegramDm ?? false);
  const [quiet, setQuiet] = createSignal(quietHoursDraft(props.preferences?.quietHoursStart, props.preferences?.quietHoursEnd));
  const [submitted, setSubmitted] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);

  const toggle = (kind: NotificationKind, on: boolean) => {
    const next = new Set(received());
    if (on) next.add(kind);
    else next.delete(kind);
    setReceived(next);
    setSaved(false);
  };
  const quietError = () => (submitted() ? quietHoursProblem(quiet()) : undefined);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (save.fetching) return;
    setSubmitted(true);
    setSaved(false);
    if (quietHoursProblem(quiet())) return;
    setFailure(undefined);
    const result = await sendSave({ input: preferencesInput(received(), telegramDm() && props.telegramLinked, quiet()) });
    if (result.error) setFailure(describeError(result.error));
    else setSaved(true);
  };

  return (
    <form class="form" onSubmit={submit} noValidate aria-label="Notification settings">
      <ErrorBanner message={failure()} />
      <fieldset class="form-fields" disabled={save.fetching}>
        <fieldset class="choice-group">
          <legend class="field-label">Notify me about</legend>
          <div class="choice-grid">
            <For each={NOTIFICATION_KINDS}>
              {(kind) => (
                <label class="choice">
                  <input type="checkbox" checked={received().has(kind)} onChange={(event) => toggle(kind, event.currentTarget.checked)} />
                  {NOTIFICATION_KIND_LABELS[kind]}
                </label>
              )}
            </For>
          </div>
        </fieldset>

        <fieldset class="choice-group">
          <legend class="field-label">Quiet hours</legend>
          <label class="choice">
            <input
              type="checkbox"
              checked={quiet().enabled}
              onChange={(event) => {
                setQuiet({ ...quiet(), enabled: event.currentTarget.checked });
                setSaved(false);
              }}
            />
            Hold live pop-ups and Telegram messages during quiet hours
          </label>
          <Show when={quiet().enabled}>
            <div class="quiet-hours">
              <Field label="Quiet from" error={quietError()}>
                {(control) => (
                  <input
                    {...control}
                    class="field-input"
                    type="time"
                    required
                    value={quiet().start}
                    onInput={(event) => {
                      setQuiet({ ...quiet(), start: event.currentTarget.value });
                      setSaved(false);
                    }}
                  />
                )}
              </Field>
              <Field label="Quiet until">
                {(control) => (
                  <input
                    {...control}
                    class="field-input"
                    type="time"
                    required
                    value={quiet().end}
                    onInput={(event) => {
                      setQuiet({ ...quiet(), end: event.currentTarget.value });
                      setSaved(false);
                    }}
                  />
                )}
              </Field>
            </div>
            <p class="field-hint">
              <Show when={describeQuietHours(quiet())}>{(text) => <>{text()} </>}</Show>
              Times are in your time zone, {props.timeZone}. Notifications still collect in your list meanwhile.
            </p>
          </Show>
        </fieldset>

        <fieldset class="choice-group">
          <legend class="field-label">Telegram</legend>
          <label class="choice">
            <input
              type="checkbox"
              checked={telegramDm() && props.telegramLinked}
              disabled={!props.telegramLinked}
              onChange={(event) => {
                setTelegramDm(event.currentTarget.checked);
                setSaved(false);
              }}
            />
            Also send me Telegram direct messages
          </label>
          <Show when={!props.telegramLinked}>
            <p class="field-hint">Link your Telegram account below to turn this on.</p>
          </Show>
        </fieldset>

        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {save.fetching ? 'Saving…' : 'Save notification settings'}
          </button>
          <Show when={saved()}>
            <span class="form-saved" role="status">
              Saved.
            </span>
          </Show>
        </div>
      </fieldset>
    </form>
  );
}
