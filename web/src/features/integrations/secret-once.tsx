import { createSignal, createUniqueId, Show } from 'solid-js';

/**
 * A secret the server returns this once (an API token, a webhook's signing secret): prominent, selectable,
 * copied with one button. "Done" hides it for good.
 */
export function SecretOnce(props: { title: string; label: string; value: string; children?: string; onDone: () => void }) {
  const id = createUniqueId();
  const [copied, setCopied] = createSignal<'yes' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section class="otp secret-once" aria-labelledby={`${id}-title`}>
      <h2 class="otp-title" id={`${id}-title`}>
        {props.title}
      </h2>
      <p class="secret-once-warning">
        <strong>Copy it now: you won’t see it again.</strong> {props.children}
      </p>
      <div class="otp-row">
        <label class="visually-hidden" for={`${id}-value`}>
          {props.label}
        </label>
        <input class="otp-value secret-once-value" id={`${id}-value`} readonly value={props.value} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" class="button button-primary" onClick={copy}>
          Copy
        </button>
        <button type="button" class="button button-quiet" onClick={() => props.onDone()}>
          Done
        </button>
      </div>
      <p class="otp-status" aria-live="polite">
        <Show when={copied()}>{(state) => (state() === 'yes' ? 'Copied to the clipboard.' : 'Could not copy: select the text and copy it.')}</Show>
      </p>
    </section>
  );
}
