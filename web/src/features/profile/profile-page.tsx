import { createQuery } from '@urql/solid';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { RoleBadge } from '../../components/role-badge';
import { describeError } from '../../lib/graphql-errors';
import { ChangePasswordForm } from '../accounts/change-password-form';
import { NotificationPreferencesForm } from './notification-preferences-form';
import { profileQuery } from './profile.graphql';
import { ProfileForm } from './profile-form';
import { ProfileTabs } from './profile-tabs';
import { TelegramLinkPanel } from './telegram-link-panel';
import { ThemeSwitch } from './theme-switch';
import './profile.css';

/** The signed-in person's own settings: who they are, the theme, their password, notifications and Telegram. */
export function ProfilePage() {
  const [profile] = createQuery({ query: profileQuery });
  const [passwordChanged, setPasswordChanged] = createSignal(false);
  return (
    <section class="page profile-page" aria-labelledby="profile-title">
      <ProfileTabs />
      <h1 class="page-title" id="profile-title">
        Profile and settings
      </h1>
      <Switch>
        <Match when={profile.error && !profile.data}>
          <ErrorBanner message={profile.error ? describeError(profile.error) : undefined} />
        </Match>
        <Match when={!profile.data}>
          <Loading label="Loading your profile…" />
        </Match>
        <Match when={profile.data?.viewer}>
          {(viewer) => (
            <>
              <section class="card profile-card" aria-labelledby="profile-about">
                <h2 id="profile-about">About you</h2>
                <dl class="facts">
                  <dt>Username</dt>
                  <dd>@{viewer().username}</dd>
                  <dt>E-mail</dt>
                  <dd>{viewer().email ?? '—'}</dd>
                  <dt>Department</dt>
                  <dd>{viewer().department?.name ?? 'None'}</dd>
                  <dt>Role</dt>
                  <dd>
                    <RoleBadge role={viewer().role} />
                  </dd>
                </dl>
                <ProfileForm userId={viewer().id} displayName={viewer().displayName} timeZone={viewer().timeZone} />
              </section>

              <section class="card profile-card" aria-labelledby="profile-appearance">
                <h2 id="profile-appearance">Appearance</h2>
                <ThemeSwitch />
              </section>

              <section class="card profile-card" aria-labelledby="profile-password">
                <h2 id="profile-password">Password</h2>
                <p class="muted">Changing it signs you out everywhere else; this browser stays signed in.</p>
                <Show when={passwordChanged()}>
                  <p class="banner banner-success" role="status">
                    Password changed. Every other session has ended.
                  </p>
                </Show>
                <ChangePasswordForm onChanged={() => setPasswordChanged(true)} />
              </section>

              <section class="card profile-card" aria-labelledby="profile-notifications">
                <h2 id="profile-notifications">Notifications</h2>
                <NotificationPreferencesForm
                  preferences={viewer().notificationPreferences ?? null}
                  telegramLinked={viewer().telegramLinked === true}
                  timeZone={viewer().timeZone}
                />
              </section>

              <section class="card profile-card" aria-labelledby="profile-telegram">
                <h2 id="profile-telegram">Telegram</h2>
                <TelegramLinkPanel linked={viewer().telegramLinked === true} telegramUsername={viewer().telegramUsername} />
              </section>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
