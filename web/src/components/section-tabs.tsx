import { A } from '@solidjs/router';
import { For } from 'solid-js';
import './section-tabs.css';

export type SectionTab = {
  href: string;
  label: string;
  /** Active only on this exact path, not below it (a section's first page whose path starts the others'). */
  end?: boolean;
};

/** The pages of one section of the main nav (Reports, Manage): the main nav keeps one link per section. */
export function SectionTabs(props: { label: string; tabs: readonly SectionTab[] }) {
  return (
    <nav class="section-tabs" aria-label={props.label}>
      <For each={props.tabs}>
        {(tab) => (
          <A href={tab.href} end={tab.end} class="section-tab" activeClass="section-tab-active">
            {tab.label}
          </A>
        )}
      </For>
    </nav>
  );
}
