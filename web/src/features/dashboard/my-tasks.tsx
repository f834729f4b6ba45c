import { createQuery } from '@urql/solid';
import { For, Match, Show, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { describeError } from '../../lib/graphql-errors';
import { myTasksQuery } from './my-tasks.graphql';

/** How many tasks the panel lists. */
const TASK_LIMIT = 8;

const dueFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

/** The viewer's open work (nothing completed, closed or rejected), soonest deadline first: number, title, status and due date. */
export function MyTasks() {
  const [tasks] = createQuery({ query: myTasksQuery, variables: { first: TASK_LIMIT } });
  return (
    <section class="panel panel-tasks" aria-labelledby="my-tasks-title">
      <header class="panel-header">
        <h2 class="panel-title" id="my-tasks-title">
          My tasks
        </h2>
        <Show when={tasks.data?.myTasks.totalCount}>{(count) => <span class="badge">{count()}</span>}</Show>
      </header>
      <Switch>
        <Match when={tasks.data?.myTasks}>
          {(myTasks) => (
            <Show when={myTasks().nodes.length > 0} fallback={<p class="muted">Nothing assigned to you right now.</p>}>
              <ul class="task-list">
                <For each={myTasks().nodes}>
                  {(task) => (
                    <li class="task-row">
                      <span class="task-number">#{task.number}</span>
                      <span class="task-title" title={task.title}>
                        {task.title}
                      </span>
                      <StatusBadge status={task.status} />
                      <span class="task-due" classList={{ 'task-due-overdue': task.isOverdue }}>
                        <Show when={task.dueDate} fallback={<span class="muted">No due date</span>}>
                          {(due) => (
                            <time datetime={due()} title={task.isOverdue ? 'Overdue' : undefined}>
                              {dueFormat.format(new Date(due()))}
                            </time>
                          )}
                        </Show>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Match>
        <Match when={tasks.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
        <Match when={tasks.fetching}>
          <Loading />
        </Match>
      </Switch>
    </section>
  );
}
