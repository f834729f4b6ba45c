import { For, type JSX, Show } from 'solid-js';

export type Column<T> = { header: string; cell: (row: T) => JSX.Element | string | number; numeric?: boolean };

/** A titled table of figures; scrolls sideways on narrow screens instead of squeezing its columns. */
export function FigureTable<T>(props: { id: string; title: string; rows: readonly T[]; columns: readonly Column<T>[]; empty: string }) {
  return (
    <section class="panel" aria-labelledby={`${props.id}-title`}>
      <header class="panel-header">
        <h2 class="panel-title" id={`${props.id}-title`}>
          {props.title}
        </h2>
      </header>
      <Show when={props.rows.length > 0} fallback={<p class="muted">{props.empty}</p>}>
        {/* Focusable, so a table wider than the screen can be scrolled from the keyboard (axe scrollable-region-focusable). */}
        <section class="figure-table-scroll" tabindex="0" aria-labelledby={`${props.id}-title`}>
          <table class="figure-table">
            <thead>
              <tr>
                <For each={props.columns}>{(column) => <th classList={{ numeric: column.numeric === true }}>{column.header}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(row) => (
                  <tr>
                    <For each={props.columns}>{(column) => <td classList={{ numeric: column.numeric === true }}>{column.cell(row)}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
    </section>
  );
}
