import { createSignal, Show } from 'solid-js';
import { signOut } from '../../lib/session';

/** Ends the session here and on the server, then shows the sign-in page. */
export function SignOutButton() {
  const [leaving, setLeaving] = createSignal(false);
  const leave = () => {
    setLeaving(true);
    void signOut();
  };
  return (
    <button type="button" class="button button-quiet" disabled={leaving()} onClick={leave}>
      <Show when={leaving()} fallback="Sign out">
        Signing out…
      </Show>
    </button>
  );
}
