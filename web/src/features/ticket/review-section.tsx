import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, For, Match, on, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { getFragmentData } from '../../gql';
import type { ReviewDecisionFieldsFragment } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { reviewDecisionFields } from '../proofing/decision-panel.graphql';
import { VERDICT_LABELS } from '../proofing/decision-rules';
import { ticketReviewQuery } from './review-section.graphql';
import { formatDateTime } from './ticket-format';
import './review-section.css';

type Decision = ReviewDecisionFieldsFragment;
type FileReview = { fileName: string; attachmentId: string; version: number; decisions: Decision[] };

/** The decisions grouped by file, in the order the API lists them (each file's latest version). */
export function decisionsByFile(decisions: readonly Decision[]): FileReview[] {
  const files = new Map<string, FileReview>();
  for (const decision of decisions) {
    const { fileName, id, version } = decision.attachment;
    const file = files.get(id) ?? { fileName, attachmentId: id, version, decisions: [] };
    file.decisions.push(decision);
    files.set(id, file);
  }
  return [...files.values()];
}

/**
 * The ticket page's "Review" section: per file, each reviewer's latest verdict on its latest version, with the
 * note and the time, and a link to the file's proof view (where decisions are recorded). `liveTick` changes when
 * an event on the ticket arrives: the decisions are fetched again.
 */
export function ReviewSection(props: { ticketId: string; ticketNumber: number; liveTick: number }) {
  const [result, refetch] = createQuery({ query: ticketReviewQuery, variables: () => ({ id: props.ticketId }) });
  createEffect(
    on(
      () => props.liveTick,
      () => refetch({ requestPolicy: 'network-only' }),
      { defer: true },
    ),
  );
  const files = () => decisionsByFile((result.data?.ticket?.reviewDecisions ?? []).map((decision) => getFragmentData(reviewDecisionFields, decision)));

  return (
    <section class="ticket-section" aria-labelledby="review-title">
      <h2 class="ticket-section-title" id="review-title">
        Review
      </h2>
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBanner message={result.error ? describeError(result.error) : undefined} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading review…" />
        </Match>
        <Match when={files().length === 0}>
          <p class="muted">No review decision on the files yet.</p>
        </Match>
        <Match when={true}>
          <ul class="review-files">
            <For each={files()}>
              {(file) => (
                <li class="review-file">
                  <div class="review-file-head">
                    <span class="review-file-name">{file.fileName}</span>
                    <span class="muted">version {file.version}</span>
                    <A href={`/tickets/${props.ticketNumber}/files/${file.attachmentId}`} class="review-file-link">
                      Open proof<span class="visually-hidden"> of {file.fileName}</span>
                    </A>
                  </div>
                  <ul class="review-decisions" aria-label={`Decisions on ${file.fileName}`}>
                    <For each={file.decisions}>
                      {(decision) => (
                        <li class="review-decision" data-verdict={decision.verdict}>
                          <strong>{decision.reviewer.displayName}</strong>
                          <span class={`review-verdict review-verdict-${decision.verdict === 'APPROVED' ? 'approved' : 'changes'}`}>
                            {VERDICT_LABELS[decision.verdict]}
                          </span>
                          <time class="muted" dateTime={decision.createdAt}>
                            {formatDateTime(decision.createdAt)}
                          </time>
                          <Show when={decision.note}>{(note) => <span class="review-note">{note()}</span>}</Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </section>
  );
}
