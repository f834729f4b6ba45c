import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, lazy, Match, on, Suspense, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import { describeError } from '../../lib/graphql-errors';
import { latestTicketEvent } from '../../lib/ticket-events';
import { DescriptionSection } from './description-section';
import { RequestSection } from './request-section';
import { ticketWorkspaceFieldsFragment, ticketWorkspaceQuery, updateTicketMutation } from './ticket.graphql';
import type { EditResult, TicketPatch } from './ticket-edits';
import type { TicketEditing } from './ticket-facts';
import { TicketHeader } from './ticket-header';
import { TicketProperties } from './ticket-properties';
import './ticket.css';

// Comments and history, below the ticket's fields, load in parallel with the ticket instead of before it: they
// fetch their own data and show their own loading state anyway, and are half of this page's code.
const CommentSection = lazy(() => import('./comment-section').then((module) => ({ default: module.CommentSection })));
const HistoryTimeline = lazy(() => import('./history-timeline').then((module) => ({ default: module.HistoryTimeline })));
// The files (upload, thumbnails, previews, versions) load beside the ticket too, keeping the first load small.
const AttachmentsPanel = lazy(() => import('../attachments/attachments-panel').then((module) => ({ default: module.AttachmentsPanel })));
// So do the reviewers' decisions on the files.
const ReviewSection = lazy(() => import('./review-section').then((module) => ({ default: module.ReviewSection })));

/**
 * Sends one edit of the ticket with the version the editor opened on, and says why it was refused (undefined
 * when saved). A stale version (CONFLICT) reloads the ticket and keeps the editor open with what was typed
 * (lib/ticket-refusals.ts says which refusals reload).
 */
export function createTicketSave(ticketId: () => string | undefined, reload: () => void) {
  const [, update] = createMutation(updateTicketMutation);
  return async (edit: EditResult, expectedVersion: number): Promise<string | undefined> => {
    if ('error' in edit) return edit.error;
    const id = ticketId();
    if (!id) return 'The ticket is not loaded.';
    const sent = await update({ input: { id, expectedVersion, ...edit.patch } });
    if (!sent.error) return undefined;
    // The words for refusals load with the first one, not with the page.
    const { explainTicketError } = await import('../../lib/ticket-refusals');
    const refusal = explainTicketError(sent.error);
    if (refusal.reload) reload();
    return refusal.message;
  };
}

/**
 * One ticket, live: every field of the request (edited in place where the viewer may), the workflow
 * actions, the team, the conversation and the history. Any event on this ticket, from anyone, reloads
 * what it touched within a second.
 */
export function TicketWorkspace(props: { id: string }) {
  const [result, refetch] = createQuery({
    query: ticketWorkspaceQuery,
    variables: () => ({ id: props.id }),
  });
  const [liveTick, setLiveTick] = createSignal(0);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  // The app's one ticket-event stream (lib/ticket-events.ts) already updates the cached summary of this
  // ticket; the workspace shows more (description, comments, history), so it reloads on this ticket's events.
  createEffect(
    on(
      latestTicketEvent,
      (event) => {
        if (!event || (event.type !== 'REFETCH' && event.ticketId !== props.id)) return;
        reload();
        setLiveTick((tick) => tick + 1);
      },
      { defer: true },
    ),
  );

  const ticket = () => (result.data?.ticket ? getFragmentData(ticketWorkspaceFieldsFragment, result.data.ticket) : undefined);

  const save = createTicketSave(() => ticket()?.id, reload);
  const patch = (value: TicketPatch, expectedVersion: number) => save({ patch: value }, expectedVersion);

  return (
    <Switch>
      <Match when={ticket()}>{(current) => <TicketView ticket={current()} liveTick={liveTick()} save={save} patch={patch} reload={reload} />}</Match>
      <Match when={result.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
      <Match when={result.data && !result.data.ticket}>
        <TicketGone />
      </Match>
      <Match when={true}>
        <Loading label="Loading ticket…" />
      </Match>
    </Switch>
  );
}

export function TicketGone() {
  return (
    <section class="page">
      <h1 class="page-title">Ticket not found</h1>
      <p class="muted">It does not exist, it was moved to the trash, or you may not read it.</p>
      <p>
        <A href="/tickets">All tickets</A>
      </p>
    </section>
  );
}

/** One loaded ticket: its header, its content with the lazy panels below it, and its properties beside. */
function TicketView(props: TicketEditing & { liveTick: number; reload: () => void }) {
  const t = () => props.ticket;
  return (
    <article class="ticket" aria-labelledby="ticket-title">
      <TicketHeader ticket={t()} save={props.save} onActionDone={props.reload} />
      <div class="ticket-layout">
        <div class="ticket-main">
          <DescriptionSection ticket={t()} patch={props.patch} />
          <RequestSection ticket={t()} save={props.save} patch={props.patch} />

          <Suspense fallback={<Loading label="Loading files…" />}>
            <AttachmentsPanel ticketId={t().id} canAttach={t().availableActions.includes('ATTACH')} liveTick={props.liveTick} />
          </Suspense>

          <Suspense fallback={<Loading label="Loading review…" />}>
            <ReviewSection ticketId={t().id} ticketNumber={t().number} liveTick={props.liveTick} />
          </Suspense>

          <Suspense fallback={<Loading label="Loading comments and history…" />}>
            <CommentSection ticketId={t().id} canComment={t().availableActions.includes('COMMENT')} liveTick={props.liveTick} />
            <HistoryTimeline ticket={t()} canRollback={t().availableActions.includes('ROLLBACK')} liveTick={props.liveTick} onChanged={props.reload} />
          </Suspense>
        </div>
        <TicketProperties ticket={t()} save={props.save} patch={props.patch} onChanged={props.reload} />
      </div>
    </article>
  );
}
