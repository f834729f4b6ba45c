import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, type JSX, Match, on, Show, Switch } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { CommentComposer } from '../../components/comment-composer';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { MentionText } from '../../components/mention-text';
import type { AnnotationState } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { commentThreads } from './comment-tree';
import { addCommentMutation, ticketCommentsQuery } from './ticket.graphql';
import { formatDateTime } from './ticket-format';

type CommentView = {
  id: string;
  body: string;
  createdAt: string;
  author: { id: string; username: string; displayName: string };
  /** The annotation this comment opens (proofing), with its file. */
  annotation?: { id: string; number: number; state: AnnotationState; attachment: { id: string; fileName: string; version: number } } | null;
};

/**
 * The conversation on a ticket: threads oldest first, replies under their comment, a box to comment and
 * one to reply. `liveTick` changes when an event arrives: the comments are fetched again.
 */
export function CommentSection(props: { ticketId: string; canComment: boolean; liveTick: number }) {
  const [comments, refetch] = createQuery({ query: ticketCommentsQuery, variables: () => ({ id: props.ticketId }) });
  const [, addComment] = createMutation(addCommentMutation);
  const [replyingTo, setReplyingTo] = createSignal<string>();

  createEffect(
    on(
      () => props.liveTick,
      () => refetch({ requestPolicy: 'network-only' }),
      { defer: true },
    ),
  );

  const post = async (body: string, parentId?: string): Promise<string | undefined> => {
    const result = await addComment({ input: { ticketId: props.ticketId, body, parentId } });
    if (result.error) return describeError(result.error);
    if (parentId) setReplyingTo(undefined);
    refetch({ requestPolicy: 'network-only' });
    return undefined;
  };

  const threads = () => commentThreads(comments.data?.ticket?.comments.nodes ?? []);

  return (
    <section class="ticket-section">
      <h2 class="ticket-section-title" id="comments-title">
        Comments
        {/* Every comment, replies included (the connection's totalCount counts threads). */}
        <Show when={comments.data?.ticket?.commentCount}>{(count) => <span class="badge">{count()}</span>}</Show>
      </h2>
      <Switch>
        <Match when={comments.error && !comments.data}>
          <ErrorBanner message={comments.error ? describeError(comments.error) : undefined} />
        </Match>
        <Match when={!comments.data}>
          <Loading label="Loading comments…" />
        </Match>
        <Match when={true}>
          <CommentTree
            threads={threads()}
            ticketNumber={comments.data?.ticket?.number}
            replyingTo={replyingTo()}
            canReply={props.canComment}
            onReply={setReplyingTo}
            renderReplyBox={(thread) => (
              <CommentComposer
                ticketId={props.ticketId}
                draftKey={`reply:${thread.id}`}
                label={`Reply to ${thread.author.displayName}`}
                submitLabel="Post reply"
                autofocus
                onPost={(body) => post(body, thread.id)}
                onCancel={() => setReplyingTo(undefined)}
              />
            )}
          />
        </Match>
      </Switch>
      <Show when={props.canComment}>
        <CommentComposer ticketId={props.ticketId} draftKey="comment" label="Comment" submitLabel="Post comment" onPost={(body) => post(body)} />
      </Show>
    </section>
  );
}

/** Threads as a list of comments, each with its replies nested in a list below it. */
export function CommentTree(props: {
  threads: { comment: CommentView; replies: CommentView[] }[];
  /** Links an annotation's comment to its file's proof view. */
  ticketNumber?: number | undefined;
  replyingTo?: string | undefined;
  canReply: boolean;
  onReply?: (commentId: string) => void;
  renderReplyBox?: (comment: CommentView) => JSX.Element;
}) {
  return (
    <Show when={props.threads.length > 0} fallback={<p class="muted">No comments yet. Start the conversation below.</p>}>
      <ol class="comment-list" aria-label="Discussion">
        <For each={props.threads}>
          {(thread) => (
            <li class="comment-thread">
              <CommentItem comment={thread.comment} ticketNumber={props.ticketNumber} />
              <Show when={thread.replies.length > 0}>
                <ol class="comment-replies" aria-label={`Replies to ${thread.comment.author.displayName}`}>
                  <For each={thread.replies}>
                    {(reply) => (
                      <li>
                        <CommentItem comment={reply} />
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
              <Show when={props.canReply}>
                <div class="comment-reply">
                  <Show
                    when={props.replyingTo === thread.comment.id}
                    fallback={
                      <button type="button" class="link-button comment-reply-button" onClick={() => props.onReply?.(thread.comment.id)}>
                        Reply
                      </button>
                    }
                  >
                    {props.renderReplyBox?.(thread.comment)}
                  </Show>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}

function CommentItem(props: { comment: CommentView; ticketNumber?: number | undefined }) {
  return (
    <article class="comment" aria-label={`${props.comment.author.displayName}, ${formatDateTime(props.comment.createdAt)}`}>
      <Avatar name={props.comment.author.displayName} />
      <div class="comment-main">
        <header class="comment-header">
          <span class="comment-author">{props.comment.author.displayName}</span>
          <time class="comment-time" datetime={props.comment.createdAt}>
            {formatDateTime(props.comment.createdAt)}
          </time>
        </header>
        <Show when={props.comment.annotation}>{(annotation) => <AnnotationChip annotation={annotation()} ticketNumber={props.ticketNumber} />}</Show>
        <p class="comment-body">
          <MentionText text={props.comment.body} />
        </p>
      </div>
    </article>
  );
}

/**
 * Where an annotation's comment was made: "on hero.png v2 · #3 · Open", linking to the file's proof view. (The
 * proof view cannot select an annotation from its URL yet, so the link opens the file.)
 */
function AnnotationChip(props: { annotation: NonNullable<CommentView['annotation']>; ticketNumber?: number | undefined }) {
  const file = () => props.annotation.attachment;
  const label = () => `on ${file().version > 1 ? `${file().fileName} v${file().version}` : file().fileName} · #${props.annotation.number}`;
  const state = () => (props.annotation.state === 'RESOLVED' ? 'Resolved' : 'Open');
  return (
    <Show
      when={props.ticketNumber}
      fallback={
        <span class="comment-annotation">
          {label()} · {state()}
        </span>
      }
    >
      {(number) => (
        <a class="comment-annotation" href={`/tickets/${number()}/files/${encodeURIComponent(file().id)}`}>
          {label()} · <span class={props.annotation.state === 'RESOLVED' ? 'comment-annotation-resolved' : 'comment-annotation-open'}>{state()}</span>
        </a>
      )}
    </Show>
  );
}
