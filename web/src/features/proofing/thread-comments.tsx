import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import type { ThreadComment } from './annotation-source';

// The ticket's own comment components (features/ticket) would share ticket.graphql.ts with this chunk and
// split it off the ticket page's first load, past its budget: the thread's few lines are kept here instead.

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
            <p class="proof-comment-body">{comment.body}</p>
          </li>
        )}
      </For>
    </ol>
  );
}

/** A text box that posts (button or Ctrl/⌘+Enter); what was typed stays when posting fails, with the reason. */
export function CommentBox(props: {
  label: string;
  submitLabel: string;
  onPost: (body: string) => Promise<string | undefined>;
  onCancel?: () => void;
  autofocus?: boolean;
}) {
  const id = createUniqueId();
  const [body, setBody] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [posting, setPosting] = createSignal(false);
  let box!: HTMLTextAreaElement;
  onMount(() => {
    if (props.autofocus) box.focus();
  });

  const submit = async () => {
    const text = body().trim();
    if (!text || posting()) return;
    setPosting(true);
    const refusal = await props.onPost(text);
    setPosting(false);
    setError(refusal);
    if (!refusal) setBody('');
  };

  return (
    <form
      class="proof-comment-box"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for={id}>{props.label}</label>
      <textarea
        ref={box}
        id={id}
        rows={3}
        value={body()}
        onInput={(event) => setBody(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape' && props.onCancel) {
            props.onCancel();
          }
        }}
      />
      <Show when={error()}>
        {(message) => (
          <p class="proof-refused" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <div class="proof-comment-actions">
        <button type="submit" class="button button-primary" disabled={posting() || !body().trim()}>
          {props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button" onClick={() => cancel()()}>
              Cancel
            </button>
          )}
        </Show>
      </div>
    </form>
  );
}
