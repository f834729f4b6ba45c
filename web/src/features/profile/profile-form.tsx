import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { displayNameProblem } from '../../lib/account-rules';
import { describeError, errorField } from '../../lib/graphql-errors';
import { refreshSession, session } from '../../lib/session';
import { updateProfileMutation } from './profile.graphql';

/** Every IANA time zone this browser knows, and the one it is in. */
const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [BROWSER_TIME_ZONE];

/** The person's display name and time zone (quiet hours and notices follow it). */
export function ProfileForm(props: { userId: string; displayName: string; timeZone: string }) {
  const [save, sendSave] = createMutation(updateProfileMutation);
  const [displayName, setDisplayName] = createSignal(props.displayName);
  const [timeZone, setTimeZone] = createSignal(props.timeZone);
  const [submitted, setSubmitted] = createSignal(false);
  const [failure, setFailure] = createSignal<{ field?: string | undefined; message: string }>();
  const [saved, setSaved] = createSignal(false);
  const zones = () => (TIME_ZONES.includes(props.timeZone) ? TIME_ZONES : [props.timeZone, ...TIME_ZONES]);
  const nameError = () => (failure()?.field === 'displayName' ? failure()?.message : submitted() ? displayNameProblem(displayName()) : undefined);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (save.fetching) return;
    setSubmitted(true);
    setSaved(false);
    if (displayNameProblem(displayName())) return;
    setFailure(undefined);
    const result = await sendSave({ input: { id: props.userId, displayName: displayName().trim(), timeZone: timeZone() } });
    if (result.error) {
      setFailure({ field: errorField(result.error), message: describeError(result.error) });
      return;
    }
    setSaved(true);
    // The account menu shows the name the session carries: a refreshed session carries the new one.
    if (displayName().trim() !== session.user()?.displayName) void refreshSession();
  };

  return (
    <form class="form" onSubmit={submit} noValidate aria-label="Profile">
      <ErrorBanner message={failure() && failure()?.field !== 'displayName' ? failure()?.message : undefined} />
      <fieldset class="form-fields" disabled={save.fetching}>
        <Field label="Display name" error={nameError()} hint="How your name appears to the team.">
          {(control) => (
            <input
              {...control}
              class="field-input"
              name="displayName"
              autocomplete="name"
              required
              value={displayName()}
              onInput={(event) => {
                setDisplayName(event.currentTarget.value);
                setSaved(false);
              }}
            />
          )}
        </Field>
        <Field
          label="Time zone"
          hint={timeZone() === BROWSER_TIME_ZONE ? 'Quiet hours and times in messages follow it.' : `This browser is in ${BROWSER_TIME_ZONE}.`}
        >
          {(control) => (
            <select
              {...control}
              class="field-input"
              name="timeZone"
              value={timeZone()}
              onChange={(event) => {
                setTimeZone(event.currentTarget.value);
                setSaved(false);
              }}
            >
              <For each={zones()}>
                {(zone) => (
                  <option value={zone} selected={zone === timeZone()}>
                    {zone.replace(/_/g, ' ')}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {save.fetching ? 'Saving…' : 'Save profile'}
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
