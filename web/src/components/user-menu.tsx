import { A } from '@solidjs/router';
import { createSignal, onCleanup, Show } from 'solid-js';
import { SignOutButton } from '../features/auth/sign-out-button';
import { session } from '../lib/session';
import { Avatar } from './avatar';
import { RoleBadge } from './role-badge';

/** The signed-in person's avatar; opens who they are and "Sign out". Esc or a click elsewhere closes it. */
export function UserMenu() {
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let trigger!: HTMLButtonElement;
  const onDocumentClick = (event: MouseEvent) => {
    if (open() && !root.contains(event.target as Node)) setOpen(false);
  };
  const onDocumentKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) {
      setOpen(false);
      trigger.focus();
    }
  };
  document.addEventListener('click', onDocumentClick);
  document.addEventListener('keydown', onDocumentKey);
  onCleanup(() => {
    document.removeEventListener('click', onDocumentClick);
    document.removeEventListener('keydown', onDocumentKey);
  });

  return (
    <Show when={session.user()}>
      {(user) => (
        <div class="user-menu" ref={root}>
          <button ref={trigger} type="button" class="user-menu-trigger" aria-expanded={open()} aria-controls="user-menu-panel" onClick={() => setOpen(!open())}>
            <Avatar name={user().displayName} />
            <span class="visually-hidden">Account: {user().displayName}</span>
          </button>
          <Show when={open()}>
            <div class="user-menu-panel" id="user-menu-panel">
              <div class="user-menu-who">
                <Avatar name={user().displayName} />
                <div>
                  <p class="user-menu-name">{user().displayName}</p>
                  <p class="muted user-menu-username">@{user().username}</p>
                </div>
                <RoleBadge role={user().role} />
              </div>
              <A href="/profile" class="user-menu-link" onClick={() => setOpen(false)}>
                Profile and settings
              </A>
              <SignOutButton />
            </div>
          </Show>
        </div>
      )}
    </Show>
  );
}
