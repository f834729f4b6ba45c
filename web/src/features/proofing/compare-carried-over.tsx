import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { describeError } from '../../lib/graphql-errors';
import { latestTicketEvent } from '../../lib/ticket-events';
import { carriedOverQuery } from './compare-carried-over.graphql';
import { type CarriedAnnotation, carriedLabel, repinInput } from './compare-carry';
import { previousVersion } from './previous-version';
import type { ProofContext } from './proof-types';
import { addAnnotationMutation, resolveAnnotationMutation } from './proofing.graphql';
import './compare-carried-over.css';

type OpenOnPrevious = CarriedAnnotation & { id: string; viewerCanResolve: boolean; comment: { body: string; author: { displayName: string } } };

/** The open annotations of the version before the one shown, kept current with the ticket's live events. */
function useOpenOnPrevious(context: ProofContext) {
  const previous = () => previousVersion(context);
  const [result, refetch] = createQuery({
    query: carriedOverQuery,
    variables: () => ({ id: previous()?.id ?? '' }),
    pause: () => !previous(),
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  createEffect(
    on(
      latestTicketEvent,
      (event) => {
        if (previous() && event && (event.type === 'REFETCH' || event.ticketId === context.ticket().id)) reload();
      },
      { defer: true },
    ),
  );
  const open = (): OpenOnPrevious[] => {
    const node = result.data?.node;
    return node && 'annotations' in node ? (node.annotations as OpenOnPrevious[]) : [];
  };
  return { previous, result, reload, open };
}

/** The tab's count: how many of the previous version's annotations are still open (nothing while there are none). */
export function CarriedOverCount(props: { context: ProofContext }) {
  const { open } = useOpenOnPrevious(props.context);
  return <Show when={open().length > 0}> ({open().length})</Show>;
}

/**
 * The proof view's "From v<n>" tab: the open annotations of the version before the one shown, each to resolve
 * (done in this version) or to pin again here, at the same spot with the same words (the old one is then resolved).
 */
export function CarriedOver(props: { context: ProofContext }) {
  const { previous, result, reload, open } = useOpenOnPrevious(props.context);
  const [, addAnnotation] = createMutation(addAnnotationMutation);
  const [, resolveAnnotation] = createMutation(resolveAnnotationMutation);
  const [busy, setBusy] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [done, setDone] = createSignal<string>();

  const act = async (annotation: OpenOnPrevious, repin: boolean) => {
    setBusy(annotation.id);
    setFailure(undefined);
    setDone(undefined);
    let message: string | undefined;
    if (repin) {
      const added = await addAnnotation({ input: repinInput(annotation, props.context.file().id) });
      if (added.error) message = describeError(added.error);
      const number = added.data?.addAnnotation.annotation.number;
      if (!message && annotation.viewerCanResolve) {
        const resolved = await resolveAnnotation({ input: { id: annotation.id } });
        if (resolved.error) message = `Pinned here as #${number}, but ${carriedLabel(annotation)} stays open: ${describeError(resolved.error)}`;
      }
      if (!message)
        setDone(`${carriedLabel(annotation)} pinned here as #${number}${annotation.viewerCanResolve ? ' and resolved on the previous version' : ''}.`);
    } else {
      const resolved = await resolveAnnotation({ input: { id: annotation.id } });
      if (resolved.error) message = describeError(resolved.error);
      else setDone(`${carriedLabel(annotation)} resolved.`);
    }
    setBusy(undefined);
    setFailure(message);
    reload();
    props.context.refresh();
  };

  return (
    <section class="carried" aria-labelledby="carried-title">
      <h2 class="carried-title" id="carried-title">
        Open on the previous version
      </h2>
      <Show when={previous()} fallback={<p class="muted">Version {props.context.file().version} is the first: nothing is carried over.</p>}>
        {(before) => (
          <>
            <p class="muted">Open on version {before().version}: resolve what this version fixed, pin the rest again here.</p>
            <ErrorBanner message={failure() ?? (result.error ? describeError(result.error) : undefined)} />
            <Show when={done()}>
              {(text) => (
                <p class="carried-done" role="status">
                  {text()}
                </p>
              )}
            </Show>
            <Show when={result.data} fallback={<p class="muted">Loading…</p>}>
              <Show when={open().length > 0} fallback={<p class="muted">No open annotations on version {before().version}.</p>}>
                <ul class="carried-list" aria-label={`Open on version ${before().version}`}>
                  <For each={open()}>
                    {(annotation) => (
                      <li class="carried-item">
                        <p class="carried-body">
                          <strong>{carriedLabel(annotation)}</strong> {annotation.comment.body}
                          <span class="muted"> · {annotation.comment.author.displayName}</span>
                        </p>
                        <div class="carried-actions">
                          <Show when={annotation.viewerCanResolve}>
                            <button type="button" class="button button-quiet" disabled={busy() !== undefined} onClick={() => void act(annotation, false)}>
                              Resolve<span class="visually-hidden"> {carriedLabel(annotation)}</span>
                            </button>
                          </Show>
                          <button type="button" class="button button-quiet" disabled={busy() !== undefined} onClick={() => void act(annotation, true)}>
                            Re-pin here<span class="visually-hidden"> {carriedLabel(annotation)}</span>
                          </button>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
