import { createSignal, createUniqueId, Show } from 'solid-js';

/**
 * A one-time password, shown once: the server never returns it again, so the admin copies it now and
 * passes it on. "Done" dismisses it for good; the person must choose their own at first sign-in.
 */
export function OneTimePassword(props: { username: string; password: string; onDone: () => void }) {
  const id = createUniqueId();
  const [copied, setCopied] = createSignal<'yes' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.password);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section class="otp" aria-labelledby={`${id}-title`}>
      <h2 class="otp-title" id={`${id}-title`}>
        One-time password for @{props.username}
      </h2>
      <p class="muted">Shown only now. Pass it on safely; they must choose a new password when they sign in.</p>
      <div class="otp-row">
        <label class="visually-hidden" for={`${id}-value`}>
          One-time password
        </label>
        <input
          class="otp-value"
          id={`${id}-value`}
          readonly
          value={props.password}
          size={props.password.length + 2}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button button-primary" onClick={copy}>
          Copy password
        </button>
        <button type="button" class="button button-quiet" onClick={() => props.onDone()}>
          Done
        </button>
      </div>
      <p class="otp-status" aria-live="polite">
        <Show when={copied()}>{(state) => (state() === 'yes' ? 'Copied to the clipboard.' : 'Could not copy: select the password and copy it.')}</Show>
      </p>
    </section>
  );
}
