import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { ErrorBanner } from '../../components/error-banner';
import { StatusBadge } from '../../components/status-badge';
import { getFragmentData } from '../../gql';
import type { TicketStatus } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { latestTicketEvent } from '../../lib/ticket-events';
import { formatDateTime } from '../ticket/ticket-format';
import { recordReviewDecisionMutation, reviewDecisionFields, reviewDecisionsQuery } from './decision-panel.graphql';
import { decisionButtonLabel, decisionRefusal, MAX_NOTE_LENGTH, noteToSend, VERDICT_LABELS, VERDICT_ORDER, type Verdict } from './decision-rules';
import type { ProofContext } from './proof-types';
import './decision-panel.css';

type Outcome = { verdict: Verdict; status: TicketStatus };

/**
 * The proof view's "Decisions" tab: each reviewer's latest decision on the latest version of this file, and the
 * form to record one. The requester's decision on a completed ticket is its workflow step (the API says so and
 * answers the ticket), so the status it left is shown after sending.
 */
export function DecisionPanel(props: { context: ProofContext }) {
  const ticketId = () => props.context.ticket().id;
  const latest = () => props.context.versions().at(-1) ?? props.context.file();
  const [result, refetch] = createQuery({ query: reviewDecisionsQuery, variables: () => ({ id: ticketId(), attachmentId: latest().id }) });
  const [sent, record] = createMutation(recordReviewDecisionMutation);
  const [note, setNote] = createSignal('');
  const [refusal, setRefusal] = createSignal<string>();
  const [outcome, setOutcome] = createSignal<Outcome>();

  const reload = () => refetch({ requestPolicy: 'network-only' });
  createEffect(
    on(
      latestTicketEvent,
      (event) => {
        if (event && (event.type === 'REFETCH' || event.ticketId === ticketId())) reload();
      },
      { defer: true },
    ),
  );

  const onLatest = () => latest().id === props.context.file().id;
  const decisions = () =>
    (result.data?.ticket?.reviewDecisions ?? [])
      .map((decision) => getFragmentData(reviewDecisionFields, decision))
      .filter((decision) => decision.attachment.fileName === props.context.file().fileName);
  /** The API's answer: a reviewer of this ticket, on this (latest) version. Others see the decisions, not the form. */
  const canDecide = () => {
    const file = result.data?.decidedFile;
    return Boolean(file && 'viewerCanDecide' in file && file.viewerCanDecide);
  };
  const openHere = () => {
    const file = result.data?.decidedFile;
    return file && 'annotations' in file ? file.annotations.length : 0;
  };

  const decide = async (verdict: Verdict) => {
    setOutcome(undefined);
    const refused = decisionRefusal({ verdict, note: note(), openAnnotations: openHere() });
    setRefusal(refused);
    if (refused) return;
    const answer = await record({ input: { attachmentId: latest().id, verdict, note: noteToSend(note()) } });
    if (answer.error) {
      setRefusal(describeError(answer.error));
      return;
    }
    const ticket = answer.data?.recordReviewDecision.ticket;
    if (ticket) setOutcome({ verdict, status: ticket.status });
    setNote('');
    reload();
    props.context.refresh();
  };

  return (
    <section class="decisions" aria-labelledby="decisions-title">
      <h2 class="decisions-title" id="decisions-title">
        Review decisions
      </h2>
      <Show when={result.data?.ticket}>
        {(ticket) => (
          <p class="decisions-status">
            Ticket status: <StatusBadge status={ticket().status} />
          </p>
        )}
      </Show>

      <Show when={result.data} fallback={<p class="muted">{result.error ? describeError(result.error) : 'Loading decisions…'}</p>}>
        <Show when={decisions().length > 0} fallback={<p class="muted">No decision on version {latest().version} yet.</p>}>
          <ul class="decisions-list" aria-label={`Decisions on version ${latest().version}`}>
            <For each={decisions()}>
              {(decision) => (
                <li class="decisions-item" data-verdict={decision.verdict}>
                  <Avatar name={decision.reviewer.displayName} />
                  <div class="decisions-item-text">
                    <span>
                      <strong>{decision.reviewer.displayName}</strong>{' '}
                      <span class={`badge ${decision.verdict === 'APPROVED' ? 'badge-status-completed' : 'badge-status-requested'}`}>
                        {VERDICT_LABELS[decision.verdict]}
                      </span>
                    </span>
                    <span class="muted">
                      Version {decision.attachment.version} · {formatDateTime(decision.createdAt)}
                    </span>
                    <Show when={decision.note}>{(text) => <span class="decisions-note">{text()}</span>}</Show>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>

      <Show
        when={onLatest()}
        fallback={
          <p class="muted">
            Decisions are recorded on the latest version.{' '}
            <button type="button" class="button button-quiet" onClick={() => props.context.openVersion(latest().id)}>
              Open version {latest().version}
            </button>
          </p>
        }
      >
        <Show when={canDecide()}>
          <form
            class="decisions-form"
            onSubmit={(event) => {
              event.preventDefault();
              const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
              void decide((submitter?.value as Verdict | undefined) ?? 'APPROVED');
            }}
          >
            <div class="field">
              <label class="field-label" for="decisions-note">
                Note
              </label>
              <textarea
                id="decisions-note"
                class="field-input decisions-note-input"
                rows="3"
                maxLength={MAX_NOTE_LENGTH}
                value={note()}
                aria-describedby="decisions-hint"
                onInput={(event) => setNote(event.currentTarget.value)}
              />
              <span class="field-hint muted" id="decisions-hint">
                {openHere() === 0
                  ? 'Requesting changes needs a note, or an open annotation on this version.'
                  : `${openHere()} open annotation${openHere() === 1 ? '' : 's'} on this version will be listed with a request for changes.`}
              </span>
            </div>
            <div class="decisions-actions">
              <For each={VERDICT_ORDER}>
                {(verdict) => (
                  <button type="submit" value={verdict} class={`button ${verdict === 'APPROVED' ? 'button-primary' : 'button-quiet'}`} disabled={sent.fetching}>
                    {decisionButtonLabel(verdict)}
                  </button>
                )}
              </For>
            </div>
            <ErrorBanner message={refusal()} />
            <Show when={outcome()}>
              {(done) => (
                <p class="decisions-outcome" role="status">
                  Recorded: {VERDICT_LABELS[done().verdict]}. The ticket is now <StatusBadge status={done().status} />
                </p>
              )}
            </Show>
          </form>
        </Show>
      </Show>
    </section>
  );
}
