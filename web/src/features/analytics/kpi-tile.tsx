import { Show } from 'solid-js';

export type KpiTone = 'GREEN' | 'AMBER' | 'RED';

const TONE_WORDS: Record<KpiTone, string> = { GREEN: 'On target', AMBER: 'Close to target', RED: 'Off target' };

/** One headline figure; with a status its colour says how it stands against its target (and so do words). */
export function KpiTile(props: { label: string; value: string; detail?: string; status?: KpiTone }) {
  return (
    <li class="kpi-tile" classList={{ [`kpi-tile-${props.status?.toLowerCase()}`]: props.status !== undefined }}>
      <span class="kpi-tile-label">{props.label}</span>
      <span class="kpi-tile-value">{props.value}</span>
      <Show when={props.status}>{(status) => <span class="kpi-tile-status">{TONE_WORDS[status()]}</span>}</Show>
      <Show when={props.detail}>
        <span class="kpi-tile-detail">{props.detail}</span>
      </Show>
    </li>
  );
}
