import { Show } from 'solid-js';

/** An error message for the user, announced to screen readers; renders nothing without a message. */
export function ErrorBanner(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <div class="banner banner-error" role="alert">
          {message()}
        </div>
      )}
    </Show>
  );
}
