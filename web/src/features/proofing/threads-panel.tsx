import { createSignal, For, Show } from 'solid-js';
import { CommentComposer } from '../../components/comment-composer';
import type { ThreadAnnotation } from './annotation-source';
import { ThreadComments } from './thread-comments';

export type ThreadFilter = 'OPEN' | 'RESOLVED' | 'ALL';
const FILTERS: { value: ThreadFilter; label: string }[] = [
  { value: 'OPEN', label: 'Open' },
  { value: 'RESOLVED', label: 'Resolved' },
  { value: 'ALL', label: 'All' },
];

export function matchesFilter(annotation: { state: 'OPEN' | 'RESOLVED' }, filter: ThreadFilter): boolean {
  return filter === 'ALL' || annotation.state === filter;
}

/**
 * The file's annotation threads, in number order: each one's marker number, state, comment and replies (the
 * ticket's own comment components), a reply box, resolve or reopen. Choosing a thread shows its spot on the file.
 */
export function ThreadsPanel(props: {
  /** The ticket the file belongs to: whom a reply may @mention. */
  ticketId: string;
  annotations: readonly ThreadAnnotation[];
  filter: ThreadFilter;
  onFilter: (filter: ThreadFilter) => void;
  selectedId: string | undefined;
  /** The thread whose reply box is open (Enter opens the selected one). */
  replyingTo: string | undefined;
  onReplyingTo: (id: string | undefined) => void;
  onSelect: (id: string) => void;
  canComment: boolean;
  onReply: (annotation: ThreadAnnotation, body: string) => Promise<string | undefined>;
  onResolve: (annotation: ThreadAnnotation, resolved: boolean) => Promise<string | undefined>;
}) {
  const shown = () => props.annotations.filter((annotation) => matchesFilter(annotation, props.filter));
  const count = (filter: ThreadFilter) => props.annotations.filter((annotation) => matchesFilter(annotation, filter)).length;

  return (
    <div class="proof-threads">
      <fieldset class="proof-filter">
        <legend class="visually-hidden">Show annotations</legend>
        <For each={FILTERS}>
          {(filter) => (
            <button type="button" class="proof-filter-button" aria-pressed={props.filter === filter.value} onClick={() => props.onFilter(filter.value)}>
              {filter.label} <span class={filter.value === 'RESOLVED' ? 'badge badge-status-completed' : 'badge'}>{count(filter.value)}</span>
            </button>
          )}
        </For>
      </fieldset>
      <Show
        when={shown().length > 0}
        fallback={
          <p class="muted">
            {props.annotations.length === 0 ? 'No annotations yet. Choose Pin, Rectangle, Arrow or Freehand, then mark the file.' : 'None in this list.'}
          </p>
        }
      >
        <ol class="proof-thread-list" aria-label="Annotations">
          <For each={shown()}>
            {(annotation) => (
              <ThreadItem
                ticketId={props.ticketId}
                annotation={annotation}
                selected={annotation.id === props.selectedId}
                replying={annotation.id === props.replyingTo}
                canComment={props.canComment}
                onSelect={() => props.onSelect(annotation.id)}
                onReplyingTo={(open) => props.onReplyingTo(open ? annotation.id : undefined)}
                onReply={(body) => props.onReply(annotation, body)}
                onResolve={(resolved) => props.onResolve(annotation, resolved)}
              />
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}

function ThreadItem(props: {
  ticketId: string;
  annotation: ThreadAnnotation;
  selected: boolean;
  replying: boolean;
  canComment: boolean;
  onSelect: () => void;
  onReplyingTo: (open: boolean) => void;
  onReply: (body: string) => Promise<string | undefined>;
  onResolve: (resolved: boolean) => Promise<string | undefined>;
}) {
  const [error, setError] = createSignal<string>();
  const resolved = () => props.annotation.state === 'RESOLVED';
  const toggle = async () => {
    setError(await props.onResolve(!resolved()));
  };
  const where = () => (props.annotation.page ? `page ${props.annotation.page}` : 'image');
  return (
    <li class="proof-thread" classList={{ 'proof-thread-selected': props.selected }} data-thread={props.annotation.number}>
      <div class="proof-thread-head">
        <button
          type="button"
          class="proof-thread-number"
          classList={{ 'proof-thread-number-resolved': resolved() }}
          aria-pressed={props.selected}
          onClick={() => props.onSelect()}
        >
          <span aria-hidden="true">{props.annotation.number}</span>
          <span class="visually-hidden">
            Show annotation {props.annotation.number} on the {where()}
          </span>
        </button>
        <span class="proof-thread-state" classList={{ 'proof-thread-state-resolved': resolved() }}>
          {resolved() ? `Resolved${props.annotation.resolvedBy ? ` by ${props.annotation.resolvedBy.displayName}` : ''}` : 'Open'}
        </span>
        <Show when={props.annotation.viewerCanResolve}>
          <button type="button" class="link-button proof-thread-resolve" onClick={() => void toggle()}>
            {resolved() ? 'Reopen' : 'Resolve'}
            <span class="visually-hidden"> annotation {props.annotation.number}</span>
          </button>
        </Show>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="proof-refused" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <ThreadComments comment={props.annotation.comment} replies={props.annotation.comment.replies} number={props.annotation.number} />
      <Show when={props.canComment}>
        <Show
          when={props.replying}
          fallback={
            <button type="button" class="link-button" onClick={() => props.onReplyingTo(true)}>
              Reply<span class="visually-hidden"> on annotation {props.annotation.number}</span>
            </button>
          }
        >
          <CommentComposer
            ticketId={props.ticketId}
            draftKey={`reply:${props.annotation.comment.id}`}
            label={`Reply on annotation ${props.annotation.number}`}
            submitLabel="Post reply"
            autofocus
            onPost={async (body) => {
              const refusal = await props.onReply(body);
              if (!refusal) props.onReplyingTo(false);
              return refusal;
            }}
            onCancel={() => props.onReplyingTo(false)}
          />
        </Show>
      </Show>
    </li>
  );
}
