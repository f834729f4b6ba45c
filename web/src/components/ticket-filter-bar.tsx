import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, type JSX, on, Show } from 'solid-js';
import { type FilterValues, hasFilters } from '../lib/ticket-filters';
import { PRIORITY_LABELS, PRIORITY_ORDER, REQUEST_TYPE_LABELS, REQUEST_TYPE_ORDER, STATUS_LABELS, STATUS_ORDER } from '../lib/vocabulary';
import { filterOptionsQuery } from './ticket-filter-bar.graphql';
import './ticket-filter-bar.css';

type Field = 'q' | 'status' | 'overdue';

/**
 * The filters of a ticket view as one row of labelled controls; each change goes straight to the URL
 * (the owner passes `onChange`). `fields` adds the list-only ones: search, status, overdue.
 */
export function TicketFilterBar(props: {
  values: FilterValues;
  onChange: (change: Partial<FilterValues>) => void;
  fields?: readonly Field[];
  children?: JSX.Element;
}) {
  const [options] = createQuery({ query: filterOptionsQuery });
  const departments = () => options.data?.departments ?? [];
  const creativeMembers = () => departments().find((department) => department.isCreative)?.members ?? [];
  const shows = (field: Field) => props.fields?.includes(field) ?? false;
  const [search, setSearch] = createSignal(props.values.q);
  // On a phone the filters other than search fold behind this button (ticket-filter-bar.css), instead of a row
  // wider than the screen.
  const [open, setOpen] = createSignal(false);
  const activeCount = () => {
    const { status, priority, type, dept, assignee, mine, overdue } = props.values;
    return status.length + priority.length + type.length + [dept, assignee, mine].filter(Boolean).length + (overdue ? 1 : 0);
  };
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let typing = false;
  // The URL can change under the box (a saved view opened, Back): show its words, unless the person is typing.
  createEffect(
    on(
      () => props.values.q,
      (q) => {
        if (!typing && q !== search()) setSearch(q);
      },
      { defer: true },
    ),
  );

  return (
    <fieldset class="filter-bar" classList={{ 'filter-bar-open': open() }}>
      <legend class="visually-hidden">Filter tickets</legend>
      <Show when={shows('q')}>
        <label class="filter filter-search">
          <span class="visually-hidden">Search</span>
          <input
            type="search"
            class="filter-input"
            placeholder="Search title or #number"
            value={search()}
            onInput={(event) => {
              const text = event.currentTarget.value;
              setSearch(text);
              clearTimeout(searchTimer);
              typing = true;
              // Typing settles before the URL (and the query) follows.
              searchTimer = setTimeout(() => {
                typing = false;
                props.onChange({ q: text });
              }, 250);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                clearTimeout(searchTimer);
                typing = false;
                props.onChange({ q: search() });
              }
            }}
          />
        </label>
      </Show>
      <button type="button" class="button button-quiet filter-toggle" aria-expanded={open()} onClick={() => setOpen(!open())}>
        Filters
        <Show when={activeCount() > 0}>
          <span class="badge">{activeCount()}</span>
        </Show>
      </button>
      <Show when={shows('status')}>
        <Select
          label="Status"
          value={props.values.status[0] ?? ''}
          onChange={(value) => props.onChange({ status: value ? [value as FilterValues['status'][number]] : [] })}
        >
          <option value="">Any status</option>
          <For each={STATUS_ORDER}>{(status) => <option value={status}>{STATUS_LABELS[status]}</option>}</For>
        </Select>
      </Show>
      <Select
        label="Priority"
        value={props.values.priority[0] ?? ''}
        onChange={(value) => props.onChange({ priority: value ? [value as FilterValues['priority'][number]] : [] })}
      >
        <option value="">Any priority</option>
        <For each={PRIORITY_ORDER}>{(priority) => <option value={priority}>{PRIORITY_LABELS[priority]}</option>}</For>
      </Select>
      <Select
        label="Request type"
        value={props.values.type[0] ?? ''}
        onChange={(value) => props.onChange({ type: value ? [value as FilterValues['type'][number]] : [] })}
      >
        <option value="">Any type</option>
        <For each={REQUEST_TYPE_ORDER}>{(type) => <option value={type}>{REQUEST_TYPE_LABELS[type]}</option>}</For>
      </Select>
      <Select label="Department" value={props.values.dept} onChange={(value) => props.onChange({ dept: value })}>
        <option value="">All departments</option>
        <For each={departments()}>{(department) => <option value={department.id}>{department.name}</option>}</For>
      </Select>
      <Select
        label="Assignee"
        value={props.values.assignee}
        onChange={(value) => props.onChange({ assignee: value, mine: value && props.values.mine === 'assigned' ? '' : props.values.mine })}
      >
        <option value="">Anyone</option>
        <For each={creativeMembers()}>{(member) => <option value={member.id}>{member.displayName}</option>}</For>
      </Select>
      <Select
        label="Whose"
        value={props.values.mine}
        onChange={(value) => props.onChange({ mine: value as FilterValues['mine'], assignee: value === 'assigned' ? '' : props.values.assignee })}
      >
        <option value="">Everyone's</option>
        <option value="assigned">Assigned to me</option>
        <option value="requested">Requested by me</option>
      </Select>
      <Show when={shows('overdue')}>
        <label class="filter filter-check">
          <input type="checkbox" checked={props.values.overdue} onChange={(event) => props.onChange({ overdue: event.currentTarget.checked })} />
          Overdue only
        </label>
      </Show>
      <Show when={hasFilters(props.values)}>
        <button
          type="button"
          class="button button-quiet filter-clear"
          onClick={() => {
            setSearch('');
            props.onChange({ q: '', status: [], priority: [], type: [], dept: '', assignee: '', mine: '', overdue: false });
          }}
        >
          Clear filters
        </button>
      </Show>
      <div class="filter-bar-extra">{props.children}</div>
    </fieldset>
  );
}

function Select(props: { label: string; value: string; onChange: (value: string) => void; children: JSX.Element }) {
  return (
    <label class="filter" classList={{ 'filter-active': props.value !== '' }}>
      <span class="filter-label">{props.label}</span>
      <select class="filter-input" value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.children}
      </select>
    </label>
  );
}
