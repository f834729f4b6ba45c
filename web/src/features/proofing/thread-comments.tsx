import { For } from 'solid-js';
import { MentionText } from '../../components/mention-text';
import type { ThreadComment } from './annotation-source';

// The ticket's own comment list (features/ticket) would share ticket.graphql.ts with this chunk and split it off
// the ticket page's first load, past its budget: the thread's few lines are kept here instead. The box to write
// in is the shared one (components/comment-composer.tsx, with @mentions).

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An annotation's comment and its replies, oldest first. */
export function ThreadComments(props: { comment: ThreadComment; replies: readonly ThreadComment[]; number: number }) {
  return (
    <ol class="proof-comments" aria-label={`Comments on annotation ${props.number}`}>
      <For each={[props.comment, ...props.replies]}>
        {(comment) => (
          <li class="proof-comment">
            <span class="proof-comment-author">{comment.author.displayName}</span>{' '}
            <time class="muted proof-comment-time" datetime={comment.createdAt}>
              {time.format(new Date(comment.createdAt))}
            </time>
            <p class="proof-comment-body">
              <MentionText text={comment.body} />
            </p>
          </li>
        )}
      </For>
    </ol>
  );
}
