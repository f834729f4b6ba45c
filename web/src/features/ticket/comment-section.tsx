import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, type JSX, Match, on, Show, Switch } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { CommentComposer } from '../../components/comment-composer';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { MentionText } from '../../components/mention-text';
import { describeError } from '../../lib/graphql-errors';
import { commentThreads } from './comment-tree';
import { addCommentMutation, ticketCommentsQuery } from './ticket.graphql';
import { formatDateTime } from './ticket-format';

type CommentView = { id: string; body: string; createdAt: string; author: { id: string; username: string; displayName: string } };

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
              <CommentItem comment={thread.comment} />
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

function CommentItem(props: { comment: CommentView }) {
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
        <p class="comment-body">
          <MentionText text={props.comment.body} />
        </p>
      </div>
    </article>
  );
}
