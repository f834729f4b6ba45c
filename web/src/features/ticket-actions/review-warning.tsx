import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { completeReviewStateQuery } from './review-warning.graphql';
import { describeGap, reviewGaps } from './review-warning-rules';

/**
 * In the Complete dialog: the files with open notes or no review decision, each linked to its proof view,
 * fetched when the dialog opens (opening one closes the dialog). A warning only: completing stays possible. Nothing shows while it loads,
 * if it fails, or when every file is decided and clear.
 */
export function ReviewWarning(props: { ticketId: string; ticketNumber: number; onOpenFile: () => void }) {
  const [state] = createQuery({ query: completeReviewStateQuery, variables: () => ({ id: props.ticketId }), requestPolicy: 'network-only' });
  const gaps = () => {
    const ticket = state.data?.ticket;
    return ticket
      ? reviewGaps(
          ticket.attachments,
          ticket.reviewDecisions.map((decision) => decision.attachment.id),
        )
      : [];
  };
  return (
    <Show when={gaps().length > 0}>
      <div class="action-dialog-warning" role="note" aria-label="Review still open">
        <p>Review is still open; you can complete anyway:</p>
        <ul>
          <For each={gaps()}>
            {(gap) => (
              <li>
                <A href={`/tickets/${props.ticketNumber}/files/${gap.attachmentId}`} onClick={() => props.onOpenFile()}>
                  {describeGap(gap)}
                </A>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
