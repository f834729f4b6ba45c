import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import type { SavedViewPage } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { createSavedViewMutation, deleteSavedViewMutation, savedViewsQuery } from './saved-views.graphql';
import { type ViewFilter, viewHref } from './view-query';
import './views-menu.css';

/**
 * "Views" beside the filters of the tickets list or the board: save the filters as a named view (kept on the
 * server, so it follows the person to any browser), open one (its URL query goes back in the address), copy a
 * link to it for someone else (they see the same filters over the tickets they may read), delete one.
 */
export function ViewsMenu(props: { page: SavedViewPage; path: string; current: () => ViewFilter }) {
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [name, setName] = createSignal('');
  const [status, setStatus] = createSignal('');
  const [views, refetch] = createQuery({ query: savedViewsQuery, variables: () => ({ page: props.page }), pause: () => !open() });
  const [saving, save] = createMutation(createSavedViewMutation);
  const [, remove] = createMutation(deleteSavedViewMutation);
  let root!: HTMLDivElement;
  let nameInput!: HTMLInputElement;

  const reload = () => refetch({ requestPolicy: 'network-only' });
  const close = () => setOpen(false);
  const onOutside = (event: MouseEvent) => {
    if (open() && !root.contains(event.target as Node)) close();
  };
  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open() || !root.contains(document.activeElement)) return;
    event.stopPropagation();
    close();
    root.querySelector<HTMLButtonElement>('.views-menu-button')?.focus();
  };
  onMount(() => {
    document.addEventListener('mousedown', onOutside);
    root.addEventListener('keydown', onEscape);
  });
  onCleanup(() => document.removeEventListener('mousedown', onOutside));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await save({ input: { name: name(), page: props.page, filter: props.current() } });
    if (result.error) {
      setStatus(describeError(result.error));
      return;
    }
    setStatus(`Saved “${result.data?.createSavedView.savedView.name}”.`);
    setName('');
    reload();
  };

  const copy = async (view: { name: string; filter: unknown }) => {
    const link = new URL(viewHref(props.path, view.filter), window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(link);
      setStatus(`Link to “${view.name}” copied.`);
    } catch {
      setStatus(`Copy this link: ${link}`);
    }
  };

  const drop = async (view: { id: string; name: string }) => {
    const result = await remove({ input: { id: view.id } });
    setStatus(result.error ? describeError(result.error) : `Deleted “${view.name}”.`);
    reload();
  };

  return (
    <div class="views-menu" ref={root}>
      <button
        type="button"
        class="button button-quiet views-menu-button"
        aria-expanded={open()}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open());
          setStatus('');
          if (open()) queueMicrotask(() => nameInput?.focus());
        }}
      >
        Views
      </button>
      <Show when={open()}>
        <section class="views-menu-panel" id={panelId} aria-label="Saved views">
          <Show when={views.data} fallback={<p class="muted views-menu-empty">Loading views…</p>}>
            {(data) => (
              <Show when={data().savedViews.length > 0} fallback={<p class="muted views-menu-empty">No saved views yet.</p>}>
                <ul class="views-menu-list">
                  <For each={data().savedViews}>
                    {(view) => (
                      <li class="views-menu-item">
                        <A href={viewHref(props.path, view.filter)} class="views-menu-open" onClick={close}>
                          {view.name}
                        </A>
                        <button type="button" class="button button-quiet views-menu-action" aria-label={`Copy link to ${view.name}`} onClick={() => copy(view)}>
                          Copy link
                        </button>
                        <button type="button" class="button button-quiet views-menu-action" aria-label={`Delete ${view.name}`} onClick={() => drop(view)}>
                          Delete
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
          <form class="views-menu-save" onSubmit={submit}>
            <label class="views-menu-label">
              <span>Name of this view</span>
              <input ref={nameInput} class="views-menu-input" value={name()} maxLength={80} required onInput={(event) => setName(event.currentTarget.value)} />
            </label>
            <button type="submit" class="button button-primary" disabled={saving.fetching}>
              Save current filters
            </button>
          </form>
          <p class="views-menu-status" role="status">
            {status()}
          </p>
        </section>
      </Show>
    </div>
  );
}
