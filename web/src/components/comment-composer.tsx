import { createQuery } from '@urql/solid';
import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import { insertMention, type MentionQuery, mentionAt } from '../lib/mentions';
import { session } from '../lib/session';
import { Avatar } from './avatar';
import { mentionCandidatesQuery } from './comment-composer.graphql';
import { type CommentDraftPlace, clearCommentDraft, loadCommentDraft, saveCommentDraft } from './comment-composer-draft';
import { Field } from './field';
import './comment-composer.css';

/**
 * A comment box with `@` autocomplete (the ticket's comments and the proof view's threads): typing @ and part of a name lists the people who may read the
 * ticket; arrows move, Enter or Tab picks, Esc closes. Ctrl/⌘+Enter posts. What was typed stays when
 * posting fails, and is kept as a draft for this person at `draftKey` on the ticket (e.g. `comment`,
 * `reply:<commentId>`, `annotation:<attachmentId>`) until it is posted: leaving the page and coming back,
 * or cancelling and opening the box again, brings it back.
 */
export function CommentComposer(props: {
  ticketId: string;
  /** Which box on the ticket this is, so each keeps its own draft. */
  draftKey: string;
  label: string;
  submitLabel: string;
  onPost: (body: string) => Promise<string | undefined>;
  onCancel?: () => void;
  autofocus?: boolean;
}) {
  const listId = createUniqueId();
  // Read once: the place of a mounted composer does not change.
  const place: CommentDraftPlace = { userId: session.user()?.id ?? 'anonymous', ticketId: props.ticketId, place: props.draftKey };
  const [body, setBody] = createSignal(loadCommentDraft(place));
  const type = (text: string) => {
    setBody(text);
    saveCommentDraft(place, text);
  };
  const [mention, setMention] = createSignal<MentionQuery | null>(null);
  const [active, setActive] = createSignal(0);
  const [error, setError] = createSignal<string>();
  const [posting, setPosting] = createSignal(false);
  let box!: HTMLTextAreaElement;

  const [candidates] = createQuery({
    query: mentionCandidatesQuery,
    variables: () => ({ id: props.ticketId, search: mention()?.query || null }),
    pause: () => mention() === null,
  });
  const people = () => (mention() ? (candidates.data?.ticket?.mentionableUsers ?? []) : []);
  /** A finished search for a typed name that found nobody: said, rather than a list that silently never opens. */
  const nobodyMatches = () => Boolean(mention()?.query) && Boolean(candidates.data) && !candidates.fetching && people().length === 0;
  createEffect(on(people, () => setActive(0)));

  const track = () => setMention(mentionAt(box.value, box.selectionStart ?? box.value.length));

  const pick = (username: string) => {
    const current = mention();
    if (!current) return;
    const next = insertMention(box.value, current, box.selectionStart ?? box.value.length, username);
    type(next.text);
    box.value = next.text;
    box.setSelectionRange(next.caret, next.caret);
    setMention(null);
    box.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const list = people();
    if (mention() && list.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + step + list.length) % list.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const person = list[active()];
        if (person) pick(person.username);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      box.form?.requestSubmit();
    } else if (event.key === 'Escape' && props.onCancel && !body()) {
      props.onCancel();
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const text = body().trim();
    if (!text) {
      setError('Write something first.');
      box.focus();
      return;
    }
    setPosting(true);
    setError(undefined);
    const refusal = await props.onPost(text).finally(() => setPosting(false));
    if (refusal) setError(refusal);
    else {
      clearCommentDraft(place);
      setBody('');
      setMention(null);
    }
  };

  return (
    <form class="comment-composer" onSubmit={submit}>
      <Field label={props.label} error={error()} hint="Type @ to mention someone. Ctrl+Enter posts.">
        {(control) => (
          <div class="mention-anchor">
            <textarea
              ref={(element) => {
                box = element;
                if (props.autofocus) queueMicrotask(() => element.focus());
              }}
              class="field-input comment-input"
              rows={3}
              {...control}
              value={body()}
              aria-autocomplete="list"
              aria-controls={mention() && people().length > 0 ? listId : undefined}
              aria-activedescendant={mention() && people().length > 0 ? `${listId}-${active()}` : undefined}
              onInput={(event) => {
                type(event.currentTarget.value);
                track();
              }}
              onClick={track}
              onKeyDown={onKeyDown}
              onBlur={() => setTimeout(() => setMention(null), 150)}
            />
            <Show when={mention() && people().length > 0}>
              <div class="mention-list" id={listId} role="listbox" aria-label="People to mention">
                <For each={people()}>
                  {(person, index) => (
                    // biome-ignore lint/a11y/useFocusableInteractive: ARIA combobox pattern — focus stays in the textarea, which points at the active option with aria-activedescendant; options are never focused.
                    <div
                      id={`${listId}-${index()}`}
                      role="option"
                      class="mention-option"
                      aria-selected={index() === active()}
                      onMouseDown={(event) => {
                        event.preventDefault();
                        pick(person.username);
                      }}
                    >
                      <Avatar name={person.displayName} />
                      <span class="mention-name">{person.displayName}</span>
                      <span class="mention-username">@{person.username}</span>
                    </div>
                  )}
                </For>
              </div>
            </Show>
            <Show when={nobodyMatches()}>
              <p class="mention-list mention-none" role="status">
                Nobody who can read this ticket matches “@{mention()?.query}”.
              </p>
            </Show>
          </div>
        )}
      </Field>
      <div class="comment-composer-buttons">
        <Show when={props.onCancel}>
          <button type="button" class="button button-quiet button-small" onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
        <button type="submit" class="button button-primary button-small" disabled={posting()}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
