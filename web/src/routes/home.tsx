import { Match, Switch } from 'solid-js';
import { createQuery } from '@urql/solid';
import { ErrorBanner } from '../components/error-banner';
import { Loading } from '../components/loading';
import { RoleBadge } from '../components/role-badge';
import { SignOutButton } from '../features/auth/sign-out-button';
import type { HomeQuery as HomeData } from '../gql/graphql';
import { describeError } from '../lib/graphql-errors';
import { homeQuery } from './home.graphql';

type Viewer = NonNullable<HomeData['viewer']>;

/** Placeholder home: who is signed in, until the dashboard takes this place. */
export function HomePage() {
  const [home] = createQuery({ query: homeQuery });
  return (
    <section class="page">
      <h1 class="page-title">Home</h1>
      <Switch>
        <Match when={home.data?.viewer}>{(viewer) => <ViewerCard viewer={viewer()} />}</Match>
        <Match when={home.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
        <Match when={home.fetching}>
          <Loading />
        </Match>
      </Switch>
    </section>
  );
}

function ViewerCard(props: { viewer: Viewer }) {
  return (
    <article class="card">
      <p class="card-lead">
        Signed in as <strong>{props.viewer.displayName}</strong>
      </p>
      <dl class="facts">
        <dt>Username</dt>
        <dd>@{props.viewer.username}</dd>
        <dt>Role</dt>
        <dd>
          <RoleBadge role={props.viewer.role} />
        </dd>
        <dt>Department</dt>
        <dd>{props.viewer.department?.name ?? 'None'}</dd>
      </dl>
      <div class="card-actions">
        <SignOutButton />
      </div>
    </article>
  );
}
