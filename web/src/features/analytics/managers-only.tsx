import { A } from '@solidjs/router';
import { type ParentProps, Show } from 'solid-js';
import { session } from '../../lib/session';

/**
 * Reports are for managers and admins (the API refuses members their figures): a member who follows a link to
 * one reads why, instead of date pickers and export buttons above a refusal.
 */
export function ManagersOnly(props: ParentProps) {
  return (
    <Show
      when={session.user()?.role !== 'MEMBER'}
      fallback={
        <section class="page">
          <h1 class="page-title">Reports are for managers</h1>
          <p class="muted">Analytics and the monthly report show managers and admins how their teams are doing. Your own requests are on the dashboard.</p>
          <p>
            <A href="/">Back to the dashboard</A>
          </p>
        </section>
      }
    >
      {props.children}
    </Show>
  );
}
