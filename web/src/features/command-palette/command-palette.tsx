import { useLocation, useNavigate } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, createUniqueId, For, on, onCleanup, onMount, Show } from 'solid-js';
import { StatusBadge } from '../../components/status-badge';
import { session } from '../../lib/session';
import { useTicketAction } from '../ticket-actions';
import { highlight, type OpenTicket, type PaletteGroup, type PaletteItem, paletteItems, type SearchResult, ticketNumberInPath, wordsOf } from './palette-model';
import { paletteOpenTicketQuery, paletteSearchQuery } from './search.graphql';
import './command-palette.css';

/** Typing pauses this long before the server is asked. */
const DEBOUNCE_MS = 150;
const RESULTS = 8;
const GROUPS: readonly PaletteGroup[] = ['Actions', 'Tickets', 'People', 'Pages'];

/**
 * Find anything: a modal combobox (WAI-ARIA's "combobox with listbox popup"). Focus stays in the text field;
 * the arrow keys move the active option (aria-activedescendant), Enter opens it, Escape closes. Opened on a
 * ticket's page it also lists what the viewer may do to that ticket (its `availableActions`), first: Enter
 * closes the palette and runs the action through the shared action runner, as the page's buttons do (its
 * dialog when it needs input, the toast, the refusal explained).
 */
export function CommandPalette(props: { onClose: () => void }) {
  const id = createUniqueId();
  const client = useClient();
  const navigate = useNavigate();
  const openNumber = ticketNumberInPath(useLocation().pathname);
  // Only a ticket page offers actions (and only there is the palette under the signed-in shell's runner).
  const runner = openNumber === null ? undefined : useTicketAction();
  const [openTicket, setOpenTicket] = createSignal<OpenTicket>();
  if (openNumber !== null) {
    client
      .query(paletteOpenTicketQuery, { search: `#${openNumber}` }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((answer) => setOpenTicket(answer.data?.tickets.nodes.find((ticket) => ticket.number === openNumber)));
  }
  const [text, setText] = createSignal('');
  const [results, setResults] = createSignal<readonly SearchResult[]>([]);
  const [searching, setSearching] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [active, setActive] = createSignal(0);
  let dialog!: HTMLDialogElement;
  let input!: HTMLInputElement;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  onMount(() => {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    input.focus();
  });
  onCleanup(() => {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    returnFocus?.focus();
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on(text, (value) => {
      clearTimeout(timer);
      setFailed(false);
      if (!wordsOf(value).length) {
        setResults([]);
        setSearching(false);
        return;
      }
      setSearching(true);
      timer = setTimeout(async () => {
        const answer = await client.query(paletteSearchQuery, { query: value.slice(0, 200), first: RESULTS }, { requestPolicy: 'network-only' }).toPromise();
        if (text() !== value) return; // a later keystroke has its own request
        setSearching(false);
        setFailed(Boolean(answer.error));
        setResults(answer.data?.search ?? []);
      }, DEBOUNCE_MS);
    }),
  );

  const items = createMemo(() => paletteItems(text(), results(), session.user()?.role, openTicket()));
  const words = createMemo(() => wordsOf(text()));
  createEffect(on(items, () => setActive(0)));
  const optionId = (index: number) => `${id}-option-${index}`;
  const activeItem = () => items()[active()];

  createEffect(() => {
    const index = active();
    document.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' });
  });

  const open = (item: PaletteItem | undefined) => {
    if (!item) return;
    props.onClose();
    const ticket = openTicket();
    if (item.action && ticket && runner) {
      const { id: ticketId, number, title, version, status } = ticket;
      void runner.run({ id: ticketId, number, title, version, status }, item.action);
    } else if (item.href) navigate(item.href);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = items().length;
    if (event.key === 'ArrowDown' && count) setActive((active() + 1) % count);
    else if (event.key === 'ArrowUp' && count) setActive((active() - 1 + count) % count);
    else if (event.key === 'Home' && count && event.ctrlKey) setActive(0);
    else if (event.key === 'End' && count && event.ctrlKey) setActive(count - 1);
    else if (event.key === 'Enter') open(activeItem());
    else return;
    event.preventDefault();
  };

  const indexed = createMemo(() => items().map((item, index) => ({ item, index })));
  const groups = createMemo(() =>
    GROUPS.map((group) => ({ group, entries: indexed().filter((entry) => entry.item.group === group) })).filter((group) => group.entries.length),
  );
  const status = () => {
    if (failed()) return 'Search is not available right now; pages still are.';
    if (searching()) return 'Searching…';
    if (!items().length) return `Nothing matches “${text().trim()}”.`;
    return items().length === 1 ? '1 result' : `${items().length} results`;
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes it (the dialog's cancel event); a click on the backdrop is the pointer's way.
    <dialog
      ref={dialog}
      class="palette"
      aria-label="Find anything"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog) props.onClose(); // the backdrop
      }}
    >
      <div class="palette-field">
        <span class="palette-search-icon" aria-hidden="true" />
        <input
          ref={input}
          class="palette-input"
          type="text"
          role="combobox"
          aria-label="Search tickets, people and pages"
          aria-expanded={items().length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={items().length ? optionId(active()) : undefined}
          placeholder="Search tickets, people and pages, or type #123"
          autocomplete="off"
          spellcheck={false}
          maxLength={200}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <span class="palette-close-key" aria-hidden="true">
          Esc
        </span>
        {/* Phones have no Esc key: a word to tap (shown there only). */}
        <button type="button" class="palette-close" onClick={() => props.onClose()}>
          Cancel
        </button>
      </div>
      <div id={`${id}-list`} class="palette-list" role="listbox" aria-label="Results">
        <For each={groups()}>
          {(group) => (
            // biome-ignore lint/a11y/useSemanticElements: a listbox's groups are role=group (a fieldset is for form controls).
            <div class="palette-group" role="group" aria-label={group.group}>
              <div class="palette-group-label" aria-hidden="true">
                {group.group}
              </div>
              <For each={group.entries}>
                {(entry) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the text field owns the keyboard (aria-activedescendant); options are pointer targets.
                  <div
                    id={optionId(entry.index)}
                    role="option"
                    tabIndex={-1}
                    class="palette-option"
                    aria-selected={entry.index === active()}
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => setActive(entry.index)}
                    onClick={() => open(entry.item)}
                  >
                    <span class="palette-option-main">
                      <Show when={entry.item.prefix}>
                        <span class="palette-number">{entry.item.prefix}</span>
                      </Show>
                      <span class="palette-label">
                        <Marked text={entry.item.label} words={words()} />
                      </span>
                      <Show when={entry.item.status}>{(value) => <StatusBadge status={value()} />}</Show>
                    </span>
                    <Show when={entry.item.detail}>
                      {(detail) => (
                        <span class="palette-detail">
                          <Marked text={detail()} words={entry.item.group === 'Pages' ? [] : words()} />
                        </span>
                      )}
                    </Show>
                  </div>
                )}
              </For>
            </div>
          )}
        </For>
      </div>
      <div class="palette-footer">
        <span class="palette-status" role="status">
          {text().trim()
            ? status()
            : openTicket()
              ? `Type an action to run on #${openTicket()?.number}, or find tickets by number or words, and people.`
              : 'Type to find tickets by number, words of their title, description or comments, and people.'}
        </span>
        <span class="palette-hints" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> move <kbd>Enter</kbd> {openTicket() ? 'open or run' : 'open'}
        </span>
      </div>
    </dialog>
  );
}

/** The text with the typed words marked where they start a word. */
function Marked(props: { text: string; words: readonly string[] }) {
  return (
    <For each={highlight(props.text, props.words)}>
      {(segment) => (
        <Show when={segment.mark} fallback={segment.text}>
          <mark>{segment.text}</mark>
        </Show>
      )}
    </For>
  );
}
