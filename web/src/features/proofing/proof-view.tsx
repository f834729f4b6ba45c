import { A } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { CommentComposer } from '../../components/comment-composer';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { AnnotationLayer } from './annotation-layer';
import type { AnnotationSource, ThreadAnnotation } from './annotation-source';
import { FileStage, type StageApi } from './file-stage';
import { nudge, type Point, percentWhere, type ShapeDraft, type Size, stepIndex, type Tool, ZOOM_STEP } from './geometry';
import { PdfPage } from './pdf-page';
import { type ProofCommand, proofCommand } from './proof-keys';
import { proofPanelTabs, proofToolbarItems } from './proof-slots';
import type { ProofContext, ProofPanelTab, ProofVersion } from './proof-types';
import { matchesFilter, type ThreadFilter, ThreadsPanel } from './threads-panel';
import './proofing.css';

const TOOLS: { tool: Tool; label: string }[] = [
  { tool: 'PIN', label: 'Pin' },
  { tool: 'RECT', label: 'Rectangle' },
  { tool: 'ARROW', label: 'Arrow' },
  { tool: 'FREEHAND', label: 'Freehand' },
];
const TOOL_NAMES: Record<Tool, string> = { PIN: 'pin', RECT: 'rectangle', ARROW: 'arrow', FREEHAND: 'line' };
const HINTS: Record<Tool, string> = {
  PIN: 'Click the spot to pin a comment (or press m to place the pin with the keyboard).',
  RECT: 'Drag on the file to draw the rectangle.',
  ARROW: 'Drag on the file to draw the arrow.',
  FREEHAND: 'Draw on the file with the mouse, a pen or a finger.',
};
/** Arrow keys pan by this many pixels. */
const PAN_STEP = 60;

export const isPdf = (file: ProofVersion) => file.mimeType === 'application/pdf';
export const isImage = (file: ProofVersion) => file.mimeType.startsWith('image/');

/**
 * The proof view: the file large (zoom, pan, pages), its annotations as numbered markers, drawing tools and a
 * composer, and the threads beside it (below on phones), plus the plug-ins' toolbar items and panel tabs.
 */
export function ProofView(props: {
  ticket: { id: string; number: number; title: string };
  file: ProofVersion;
  versions: readonly ProofVersion[];
  canComment: boolean;
  source: AnnotationSource;
  openVersion: (attachmentId: string) => void;
}) {
  const [tool, setTool] = createSignal<Tool>();
  const [draft, setDraft] = createSignal<ShapeDraft & { page: number | null }>();
  const [selectedId, setSelectedId] = createSignal<string>();
  const [replyingTo, setReplyingTo] = createSignal<string>();
  const [filter, setFilter] = createSignal<ThreadFilter>('OPEN');
  /** The shown size against the file's own pixels (a PDF's points): 1 is 100 %. */
  const [scale, setScale] = createSignal(1);
  /** The page (0-based) most in view. */
  const [pageIndex, setPageIndex] = createSignal(0);
  const [chosenTab, setTab] = createSignal('threads');
  /** A pin being placed with the keyboard (m): on page `index` (0-based) at `spot`. */
  const [crosshair, setCrosshair] = createSignal<{ index: number; spot: Point }>();
  let stage: StageApi | undefined;

  const pdf = usePdf(() => (isPdf(props.file) ? props.file.url : undefined));
  const image = useImageSize(() => (isImage(props.file) ? props.file : undefined));
  const pageNumber = (index: number) => (isPdf(props.file) ? index + 1 : null);
  const pages = (): Size[] | undefined => (isPdf(props.file) ? pdf()?.pages : image() ? [image() as Size] : undefined);

  const annotations = () => props.source.list();
  const listed = createMemo(() => annotations().filter((annotation) => matchesFilter(annotation, filter())));
  const onPage = (page: number | null) => annotations().filter((annotation) => (annotation.page ?? null) === page);

  const select = (annotation: ThreadAnnotation) => {
    setSelectedId(annotation.id);
    stage?.showSpot((annotation.page ?? 1) - 1, { x: annotation.x, y: annotation.y });
    document.querySelector(`[data-thread="${annotation.number}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  const selectById = (id: string) => {
    const annotation = annotations().find((candidate) => candidate.id === id);
    if (annotation) select(annotation);
  };
  const step = (direction: 1 | -1) => {
    const list = listed();
    const index = stepIndex(
      list.findIndex((annotation) => annotation.id === selectedId()),
      list.length,
      direction,
    );
    const next = index === undefined ? undefined : list[index];
    if (next) select(next);
  };

  const commands: Record<ProofCommand, () => void> = {
    'zoom-in': () => stage?.zoomBy(ZOOM_STEP),
    'zoom-out': () => stage?.zoomBy(1 / ZOOM_STEP),
    'zoom-reset': () => stage?.reset(),
    'pan-left': () => stage?.pan(PAN_STEP, 0),
    'pan-right': () => stage?.pan(-PAN_STEP, 0),
    'pan-up': () => stage?.pan(0, PAN_STEP),
    'pan-down': () => stage?.pan(0, -PAN_STEP),
    next: () => step(1),
    previous: () => step(-1),
    open: () => setReplyingTo(selectedId()),
    escape: () => {
      setTool(undefined);
      setDraft(undefined);
    },
    'place-pin': () => {
      const start = props.canComment ? stage?.spotAtCenter() : undefined;
      if (!start) return;
      setTool(undefined);
      setDraft(undefined);
      setCrosshair(start);
      stage?.focus();
    },
  };
  const PAN_KEYS = { 'pan-left': 'ArrowLeft', 'pan-right': 'ArrowRight', 'pan-up': 'ArrowUp', 'pan-down': 'ArrowDown' } as const;
  /** While a pin is placed by keyboard, the arrows move it, Enter writes about it and Escape puts it away. */
  const placing = (command: ProofCommand, shift: boolean): boolean => {
    const current = crosshair();
    if (!current) return false;
    if (command in PAN_KEYS) {
      const spot = nudge(current.spot, PAN_KEYS[command as keyof typeof PAN_KEYS], shift);
      setCrosshair({ index: current.index, spot });
      stage?.reveal(current.index, spot);
    } else if (command === 'open') {
      setCrosshair(undefined);
      setDraft({ shape: 'PIN', x: current.spot.x, y: current.spot.y, page: pageNumber(current.index) });
    } else if (command === 'escape') {
      setCrosshair(undefined);
    } else {
      return false;
    }
    return true;
  };
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = proofCommand(event);
      if (!command) return;
      event.preventDefault();
      if (!placing(command, event.shiftKey)) commands[command]();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });
  // A shape placed (or a pin started with the keyboard) is written about in the Comments tab: show it.
  createEffect(() => {
    if (draft() || crosshair()) setTab('threads');
  });
  // Another version: nothing drawn or chosen on the previous one applies.
  createEffect(
    on(
      () => props.file.id,
      () => {
        setDraft(undefined);
        setSelectedId(undefined);
        setCrosshair(undefined);
      },
      { defer: true },
    ),
  );

  const post = async (body: string) => {
    const shape = draft();
    if (!shape) return undefined;
    const outcome = await props.source.add({ ...shape, body });
    if (outcome.refusal) return outcome.refusal;
    setDraft(undefined);
    setTool(undefined);
    if (filter() === 'RESOLVED') setFilter('OPEN');
    if (outcome.id) setSelectedId(outcome.id);
    return undefined;
  };

  const context: ProofContext = {
    ticket: () => props.ticket,
    file: () => props.file,
    versions: () => props.versions,
    annotations: () => props.source.list(),
    openVersion: (id) => props.openVersion(id),
    refresh: () => props.source.refresh(),
  };
  /** The threads first, then the plug-ins' tabs that apply to the version shown. */
  const tabs = createMemo((): Pick<ProofPanelTab, 'id' | 'label' | 'count'>[] => [
    { id: 'threads', label: () => 'Comments' },
    ...proofPanelTabs.filter((entry) => entry.when?.(context) ?? true),
  ]);
  /** The chosen tab, or the threads when it does not apply here (another version was opened). */
  const tab = () => (tabs().some((entry) => entry.id === chosenTab()) ? chosenTab() : 'threads');
  const pluginTab = () => proofPanelTabs.find((entry) => entry.id === tab());
  let tabList: HTMLDivElement | undefined;
  /** The tablist's arrow keys, Home and End (one tab in the Tab order: the chosen one). */
  const onTabKey = (event: KeyboardEvent) => {
    const ids = tabs().map((entry) => entry.id);
    const at = ids.indexOf(tab());
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (next === undefined) return;
    // Handled here: the arrows do not also pan the file.
    event.preventDefault();
    const id = ids[(next + ids.length) % ids.length] as string;
    setTab(id);
    tabList?.querySelector<HTMLElement>(`[data-tab="${id}"]`)?.focus();
  };
  const pageCount = () => (isPdf(props.file) ? (pdf()?.pages.length ?? 0) : 0);

  return (
    <div class="proof">
      <header class="proof-header">
        <A href={`/tickets/${props.ticket.number}`} class="proof-back">
          ← #{props.ticket.number} {props.ticket.title}
        </A>
        <h1 class="proof-title">{props.file.fileName}</h1>
        <Show when={props.versions.length > 1}>
          <label class="proof-version">
            <span>Version</span>
            <select class="field-input proof-version-select" value={props.file.id} onChange={(event) => props.openVersion(event.currentTarget.value)}>
              {/* selected on the option too: the select's value is set before <For> has made its options, so alone it showed 1. */}
              <For each={props.versions}>
                {(version) => (
                  <option value={version.id} selected={version.id === props.file.id}>
                    {version.version}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
      </header>

      <div class="proof-toolbar" role="toolbar" aria-label="File tools">
        <span class="proof-toolbar-group">
          <button type="button" class="button button-quiet proof-toolbar-button" onClick={commands['zoom-out']} aria-label="Zoom out" title="Zoom out (−)">
            −
          </button>
          <output class="proof-zoom" aria-live="polite" aria-label="Zoom" title="Shown size against the file's own pixels">
            {Math.round(scale() * 100)}%
          </output>
          <button type="button" class="button button-quiet proof-toolbar-button" onClick={commands['zoom-in']} aria-label="Zoom in" title="Zoom in (+)">
            +
          </button>
          <button type="button" class="button button-quiet proof-toolbar-button" onClick={commands['zoom-reset']} title="Fit the whole file in view (0)">
            Fit to view
          </button>
        </span>
        <Show when={pageCount() > 1}>
          <fieldset class="proof-toolbar-group">
            <legend class="visually-hidden">Pages</legend>
            <button
              type="button"
              class="button button-quiet proof-toolbar-button"
              aria-label="Previous page"
              disabled={pageIndex() === 0}
              onClick={() => stage?.showPage(pageIndex() - 1)}
            >
              ‹
            </button>
            <output class="proof-page-number" aria-live="polite">
              Page {pageIndex() + 1} of {pageCount()}
            </output>
            <button
              type="button"
              class="button button-quiet proof-toolbar-button"
              aria-label="Next page"
              disabled={pageIndex() >= pageCount() - 1}
              onClick={() => stage?.showPage(pageIndex() + 1)}
            >
              ›
            </button>
          </fieldset>
        </Show>
        <Show when={props.canComment && pages()}>
          <fieldset class="proof-toolbar-group proof-tools">
            <legend class="visually-hidden">Drawing tools</legend>
            <For each={TOOLS}>
              {(entry) => (
                <button
                  type="button"
                  class="button button-quiet proof-toolbar-button proof-tool"
                  aria-pressed={tool() === entry.tool}
                  title={entry.tool === 'PIN' ? 'Pin (m: place one with the keyboard)' : undefined}
                  onClick={() => {
                    setTool((current) => (current === entry.tool ? undefined : entry.tool));
                    setDraft(undefined);
                    setCrosshair(undefined);
                  }}
                >
                  {entry.label}
                </button>
              )}
            </For>
          </fieldset>
        </Show>
        <For each={proofToolbarItems}>{(item) => <item.component context={context} />}</For>
      </div>

      <div class="proof-body">
        <Switch>
          <Match when={pages()}>
            {(list) => (
              <FileStage
                pages={list()}
                label={`${props.file.fileName}, version ${props.file.version}`}
                onReady={(api) => {
                  stage = api;
                }}
                onScale={setScale}
                onPage={setPageIndex}
              >
                {(index, box, root) => {
                  const page = pageNumber(index);
                  return (
                    <>
                      <Show
                        when={isPdf(props.file) && pdf()}
                        fallback={
                          <img class="proof-image" src={props.file.url} alt={`${props.file.fileName}, version ${props.file.version}`} draggable={false} />
                        }
                      >
                        {(file) => <PdfPage pdf={file()} number={index + 1} box={box()} root={root()} onPainted={markPainted} />}
                      </Show>
                      <AnnotationLayer
                        box={box()}
                        annotations={onPage(page)}
                        selectedId={selectedId()}
                        tool={tool()}
                        draft={draft()?.page === page ? draft() : undefined}
                        crosshair={crosshair()?.index === index ? crosshair()?.spot : undefined}
                        onSelect={selectById}
                        onDraw={(shape) => {
                          setDraft({ ...shape, page });
                          setTool(undefined);
                        }}
                      />
                    </>
                  );
                }}
              </FileStage>
            )}
          </Match>
          <Match when={pdf.error || image.error}>
            <ErrorBanner message="The file could not be opened." />
          </Match>
          <Match when={!isPdf(props.file) && !isImage(props.file)}>
            <p class="muted proof-unsupported">
              Only images and PDFs can be annotated.{' '}
              <a href={props.file.url} target="_blank" rel="noopener noreferrer">
                Open the file
              </a>
            </p>
          </Match>
          <Match when={true}>
            <Loading label="Opening the file…" />
          </Match>
        </Switch>

        <aside class="proof-panel" aria-label="Review">
          <Show when={tabs().length > 1}>
            <div class="proof-tabs" role="tablist" aria-label="Review" ref={tabList} on:keydown={onTabKey}>
              <For each={tabs()}>
                {(entry) => (
                  <button
                    type="button"
                    role="tab"
                    class="proof-tab"
                    id={`proof-tab-${entry.id}`}
                    data-tab={entry.id}
                    aria-selected={tab() === entry.id}
                    aria-controls="proof-tab-panel"
                    tabIndex={tab() === entry.id ? 0 : -1}
                    onClick={() => setTab(entry.id)}
                  >
                    {entry.label(context)}
                    <Show when={entry.count}>{(Count) => <Dynamic component={Count()} context={context} />}</Show>
                  </button>
                )}
              </For>
            </div>
          </Show>
          <div class="proof-tab-panel" id="proof-tab-panel" role="tabpanel" aria-labelledby={`proof-tab-${tab()}`}>
            <Show when={pluginTab()} keyed fallback={threads()}>
              {(entry) => <entry.component context={context} />}
            </Show>
          </div>
        </aside>
      </div>
    </div>
  );

  function threads() {
    return (
      <>
        <Show when={draft()}>
          {(shape) => (
            <section class="proof-composer" aria-label="New annotation">
              <CommentComposer
                ticketId={props.ticket.id}
                draftKey={`annotation:${props.file.id}`}
                label={`Comment on the ${TOOL_NAMES[shape().shape]}${shape().page ? ` on page ${shape().page}` : ''}`}
                submitLabel="Add annotation"
                autofocus
                onPost={post}
                onCancel={() => setDraft(undefined)}
              />
            </section>
          )}
        </Show>
        <Show when={tool() && !draft()}>
          <p class="muted proof-hint" role="status">
            {HINTS[tool() ?? 'PIN']}
          </p>
        </Show>
        <Show when={crosshair()}>
          {(current) => (
            <div class="proof-hint">
              <p role="status">
                New pin at {percentWhere(current().spot)}
                {pageNumber(current().index) ? ` of page ${pageNumber(current().index)}` : ''}.
              </p>
              <p class="muted">Arrow keys move it (Shift: faster), Enter comments there, Esc cancels.</p>
            </div>
          )}
        </Show>
        <ErrorBanner message={props.source.error()} />
        <ThreadsPanel
          ticketId={props.ticket.id}
          annotations={annotations()}
          filter={filter()}
          onFilter={setFilter}
          selectedId={selectedId()}
          replyingTo={replyingTo()}
          onReplyingTo={setReplyingTo}
          onSelect={selectById}
          canComment={props.canComment}
          onReply={props.source.reply}
          onResolve={props.source.setResolved}
        />
      </>
    );
  }
}

/** The first time page 1 is painted, marked for bench/proofing.ts. */
function markPainted(number: number) {
  if (number === 1 && !performance.getEntriesByName('proof:first-page').length) performance.mark('proof:first-page');
}

/** A PDF's bytes fetched and opened with PDF.js (loaded with the first PDF). */
function usePdf(url: () => string | undefined) {
  const [pdf] = createResource(url, async (href) => {
    const [response, { openPdf }] = await Promise.all([fetch(href), import('./pdf-document')]);
    if (!response.ok) throw new Error(`GET ${response.status}`);
    const bytes = await response.arrayBuffer();
    // User Timing marks for bench/proofing.ts (bytes downloaded → first page painted).
    performance.mark('proof:pdf-bytes');
    return openPdf(bytes);
  });
  createEffect(
    on(pdf, (current, previous) => {
      if (previous && previous !== current) previous.destroy();
    }),
  );
  onCleanup(() => pdf()?.destroy());
  return pdf;
}

/** An image's pixel size: from the server when it knows it, else from the image once it has loaded. */
function useImageSize(file: () => ProofVersion | undefined) {
  const [size] = createResource(file, async (image): Promise<Size> => {
    if (image.width && image.height) return { width: image.width, height: image.height };
    const element = new Image();
    element.src = image.url;
    await element.decode();
    return { width: element.naturalWidth, height: element.naturalHeight };
  });
  return size;
}
