import { For, Show } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { type FragmentType, getFragmentData } from '../../gql';
import { userPerformanceFieldsFragment } from './analytics.graphql';
import { hours } from './format';

/** The makers who delivered most, ranked: output, completions and how fast. */
export function Leaderboard(props: { title: string; people: readonly FragmentType<typeof userPerformanceFieldsFragment>[]; id: string }) {
  const people = () => props.people.map((person) => getFragmentData(userPerformanceFieldsFragment, person));
  return (
    <section class="panel" aria-labelledby={`${props.id}-title`}>
      <header class="panel-header">
        <h2 class="panel-title" id={`${props.id}-title`}>
          {props.title}
        </h2>
      </header>
      <Show when={people().length > 0} fallback={<p class="muted">Nobody completed work in this period.</p>}>
        <ol class="leaderboard">
          <For each={people()}>
            {(person, index) => (
              <li class="leaderboard-row">
                <span class="leaderboard-rank" aria-hidden="true">
                  {index() + 1}
                </span>
                <Avatar name={person.displayName} />
                <span class="leaderboard-name">{person.displayName}</span>
                <span class="leaderboard-figures muted">
                  <strong>{person.output}</strong> output · {person.completed} completed · {hours(person.averageProcessingHours)} each
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
