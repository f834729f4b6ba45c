import { createEffect, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { compareImages, paintDifference } from './compare-images';
import { changedShare, newerClip, percentAfterKey, percentAtPointer } from './compare-math';
import './compare-view.css';

/** One version of an image, as the compare view needs it. */
export type CompareVersion = { id: string; version: number; url: string; fileName: string };

export type CompareMode = 'side' | 'slider' | 'difference';

const MODES: Record<CompareMode, string> = { side: 'Side by side', slider: 'Slider', difference: 'Difference' };
const MODE_ORDER = Object.keys(MODES) as CompareMode[];
const ZOOMS = [1, 1.5, 2, 3, 4] as const;

/**
 * Two versions of one image compared three ways: side by side (zoom and scroll move both), the newer laid over the
 * older with a draggable divider, and the pixels that changed highlighted. Loaded only when compare opens.
 * `versions` are oldest first; the newer defaults to `newerId`, the older to the version before it.
 */
export function CompareView(props: {
  versions: readonly CompareVersion[];
  newerId?: string;
  olderId?: string;
  initialMode?: CompareMode;
  onClose?: () => void;
}) {
  const byId = (id: string | undefined) => props.versions.find((version) => version.id === id);
  const initialNewer = () => byId(props.newerId) ?? props.versions[props.versions.length - 1];
  const initialOlder = () => {
    const newer = initialNewer();
    const index = newer ? props.versions.indexOf(newer) : -1;
    return byId(props.olderId) ?? props.versions[Math.max(0, index - 1)];
  };
  const [newerId, setNewerId] = createSignal(initialNewer()?.id);
  const [olderId, setOlderId] = createSignal(initialOlder()?.id);
  const [mode, setMode] = createSignal<CompareMode>(props.initialMode ?? 'side');
  const newer = () => byId(newerId());
  const older = () => byId(olderId());
  const label = (version: CompareVersion | undefined) => (version ? `Version ${version.version}` : '');

  return (
    <section class="compare" aria-labelledby="compare-title">
      <div class="compare-toolbar">
        <h2 class="compare-title" id="compare-title">
          Compare versions
        </h2>
        <div class="compare-pickers">
          <VersionPicker label="Older" versions={props.versions} value={olderId()} onChange={setOlderId} />
          <VersionPicker label="Newer" versions={props.versions} value={newerId()} onChange={setNewerId} />
        </div>
        <fieldset class="compare-modes">
          <legend class="visually-hidden">Compare by</legend>
          <For each={MODE_ORDER}>
            {(candidate) => (
              <button type="button" class="button button-quiet compare-mode" aria-pressed={mode() === candidate} onClick={() => setMode(candidate)}>
                {MODES[candidate]}
              </button>
            )}
          </For>
        </fieldset>
        <Show when={props.onClose}>
          {(close) => (
            <button type="button" class="button button-quiet" onClick={() => close()()}>
              Close compare
            </button>
          )}
        </Show>
      </div>

      <Show
        when={older() && newer() ? { older: older() as CompareVersion, newer: newer() as CompareVersion } : undefined}
        fallback={<p class="muted">Pick two versions to compare.</p>}
      >
        {(pair) => (
          <Switch>
            <Match when={mode() === 'side'}>
              <SideBySide older={pair().older} newer={pair().newer} label={label} />
            </Match>
            <Match when={mode() === 'slider'}>
              <SliderOverlay older={pair().older} newer={pair().newer} label={label} />
            </Match>
            <Match when={mode() === 'difference'}>
              <DifferenceView older={pair().older} newer={pair().newer} label={label} />
            </Match>
          </Switch>
        )}
      </Show>
    </section>
  );
}

function VersionPicker(props: { label: string; versions: readonly CompareVersion[]; value: string | undefined; onChange: (id: string) => void }) {
  return (
    <label class="compare-picker">
      <span>{props.label}</span>
      <select class="field-input" value={props.value ?? ''} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <For each={props.versions}>{(version) => <option value={version.id}>Version {version.version}</option>}</For>
      </select>
    </label>
  );
}

type PairProps = { older: CompareVersion; newer: CompareVersion; label: (version: CompareVersion) => string };

/** Both versions at one zoom; scrolling one pane scrolls the other to the same place. */
function SideBySide(props: PairProps) {
  const [zoomIndex, setZoomIndex] = createSignal(0);
  const zoom = () => ZOOMS[zoomIndex()] ?? 1;
  const panes: HTMLDivElement[] = [];
  let syncing = false;
  const follow = (source: HTMLDivElement) => {
    if (syncing) return;
    syncing = true;
    const x = source.scrollLeft / Math.max(1, source.scrollWidth - source.clientWidth);
    const y = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    for (const pane of panes) {
      if (pane === source) continue;
      pane.scrollLeft = x * (pane.scrollWidth - pane.clientWidth);
      pane.scrollTop = y * (pane.scrollHeight - pane.clientHeight);
    }
    requestAnimationFrame(() => {
      syncing = false;
    });
  };
  const pane = (version: CompareVersion) => (
    <figure class="compare-figure">
      <figcaption>{props.label(version)}</figcaption>
      <div class="compare-pane" ref={(element) => panes.push(element)} onScroll={(event) => follow(event.currentTarget)}>
        <img
          src={version.url}
          alt={`${version.fileName}, ${props.label(version)}`}
          classList={{ 'compare-fit': zoomIndex() === 0 }}
          style={{ width: `${zoom() * 100}%` }}
        />
      </div>
    </figure>
  );
  return (
    <div class="compare-body">
      <fieldset class="compare-zoom">
        <legend class="visually-hidden">Zoom both versions</legend>
        <button type="button" class="button button-quiet" onClick={() => setZoomIndex((index) => Math.max(0, index - 1))} disabled={zoomIndex() === 0}>
          Zoom out
        </button>
        <output class="compare-zoom-level" aria-live="polite">
          {zoomIndex() === 0 ? 'Fit' : `${zoom() * 100} %`}
        </output>
        <button
          type="button"
          class="button button-quiet"
          onClick={() => setZoomIndex((index) => Math.min(ZOOMS.length - 1, index + 1))}
          disabled={zoomIndex() === ZOOMS.length - 1}
        >
          Zoom in
        </button>
      </fieldset>
      <div class="compare-side">
        {pane(props.older)}
        {pane(props.newer)}
      </div>
    </div>
  );
}

/** The newer version over the older, cut at a divider: drag it, or focus it and use the arrow keys. */
function SliderOverlay(props: PairProps) {
  const [percent, setPercent] = createSignal(50);
  let stack: HTMLDivElement | undefined;
  let dragging = false;
  const moveTo = (clientX: number) => {
    if (stack) setPercent(percentAtPointer(clientX, stack.getBoundingClientRect()));
  };
  return (
    <div class="compare-body">
      <p class="muted compare-hint">
        {props.label(props.older)} left of the divider, {props.label(props.newer)} right of it.
      </p>
      <div
        class="compare-stack"
        ref={stack}
        onPointerDown={(event) => {
          dragging = true;
          event.currentTarget.setPointerCapture?.(event.pointerId);
          moveTo(event.clientX);
        }}
        onPointerMove={(event) => dragging && moveTo(event.clientX)}
        onPointerUp={() => {
          dragging = false;
        }}
        onPointerCancel={() => {
          dragging = false;
        }}
      >
        <img class="compare-older" src={props.older.url} alt={`${props.older.fileName}, ${props.label(props.older)}`} draggable={false} />
        <img
          class="compare-newer"
          src={props.newer.url}
          alt={`${props.newer.fileName}, ${props.label(props.newer)}`}
          draggable={false}
          style={{ 'clip-path': newerClip(percent()) }}
        />
        <div
          class="compare-divider"
          role="slider"
          tabIndex={0}
          aria-label={`Divider between ${props.label(props.older)} and ${props.label(props.newer)}`}
          aria-orientation="horizontal"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow={percent()}
          aria-valuetext={`${percent()} % from the left`}
          style={{ left: `${percent()}%` }}
          onKeyDown={(event) => {
            const next = percentAfterKey(event.key, percent(), event.shiftKey);
            if (next === undefined) return;
            event.preventDefault();
            setPercent(next);
          }}
        />
      </div>
    </div>
  );
}

/** The pixels that changed, computed in the browser (a Web Worker) once per pair of versions. */
function DifferenceView(props: PairProps) {
  const [comparison] = createResource(
    () => [props.older.url, props.newer.url] as const,
    ([olderUrl, newerUrl]) => compareImages(olderUrl, newerUrl),
  );
  let canvas: HTMLCanvasElement | undefined;
  createEffect(
    on(comparison, (result) => {
      if (result && canvas) paintDifference(canvas, result.difference);
    }),
  );
  const summary = () => {
    const result = comparison.latest;
    return result ? changedShare(result.difference.changed, result.difference) : '';
  };
  return (
    <div class="compare-body">
      <Switch>
        <Match when={comparison.error as Error | undefined}>{(error) => <p role="alert">{error().message}</p>}</Match>
        <Match when={comparison.loading}>
          <p class="muted" role="status">
            Computing the difference…
          </p>
        </Match>
      </Switch>
      <Show when={comparison.latest}>
        {(result) => (
          <>
            <p class="compare-summary" role="status" data-changed={result().difference.changed}>
              {summary()}
              <Show when={result().proportionsDiffer}> (the versions have different proportions: both are stretched to one size)</Show>
            </p>
            <ul class="compare-legend">
              <li>
                <span class="compare-swatch compare-swatch-added" aria-hidden="true" /> darker or added in {props.label(props.newer)}
              </li>
              <li>
                <span class="compare-swatch compare-swatch-removed" aria-hidden="true" /> lighter or removed
              </li>
            </ul>
          </>
        )}
      </Show>
      <canvas
        class="compare-difference"
        ref={canvas}
        role="img"
        aria-label={`Difference between ${props.label(props.older)} and ${props.label(props.newer)}: ${summary() || 'computing'}`}
        hidden={!comparison.latest}
      />
    </div>
  );
}
