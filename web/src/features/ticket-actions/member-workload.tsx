import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { teamWorkloadQuery } from './member-workload.graphql';

type Workload = { inProgress: number; queued: number; overdue: number; dueSoon: number };

/** "2 in progress · 1 queued · 1 overdue" as parts (the late ones stand out), or "Free" with nothing open. */
export function workloadParts(load: Workload): { text: string; late: boolean }[] {
  if (load.inProgress + load.queued === 0) return [{ text: 'Free', late: false }];
  const parts = [
    { text: `${load.inProgress} in progress`, late: false },
    { text: `${load.queued} queued`, late: false },
  ];
  if (load.overdue) parts.push({ text: `${load.overdue} overdue`, late: true });
  if (load.dueSoon) parts.push({ text: `${load.dueSoon} due within a day`, late: false });
  return parts;
}

/**
 * A Creative member's open work, under their name in the person picker. Every line shares one teamWorkload
 * query (urql runs one request for them all); while it loads, or if it fails, nothing shows.
 */
export function MemberWorkload(props: { userId: string }) {
  const [workload] = createQuery({ query: teamWorkloadQuery, requestPolicy: 'cache-and-network' });
  const load = () => workload.data?.teamWorkload.find((row) => row.user.id === props.userId);
  return (
    <Show when={load()}>
      {(current) => (
        <span class="person-option-load">
          <For each={workloadParts(current())}>
            {(part, index) => (
              <>
                {index() > 0 ? ' · ' : ''}
                <span classList={{ 'person-option-load-overdue': part.late }}>{part.text}</span>
              </>
            )}
          </For>
        </span>
      )}
    </Show>
  );
}
