import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, type JSX, lazy, Match, on, Show, Suspense, Switch } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { getFragmentData } from '../../gql';
import type { Complexity, Criteria, FileFormat, Priority, TicketWorkspaceFieldsFragment as Ticket } from '../../gql/graphql';
import { describeError, errorCode } from '../../lib/graphql-errors';
import { latestTicketEvent } from '../../lib/ticket-events';
import {
  COMPLEXITIES,
  COMPLEXITY_LABELS,
  CRITERIA,
  CRITERIA_LABELS,
  FILE_FORMAT_LABELS,
  FILE_FORMATS,
  fieldsFor,
  PRIORITIES,
  PRIORITY_LABELS,
} from '../request-form/request-vocabulary';
import { ActionBar } from './action-bar';
import { CollaboratorsPanel } from './collaborators-panel';
import { EditableField } from './editable-field';
import { ticketWorkspaceFieldsFragment, ticketWorkspaceQuery, updateTicketMutation } from './ticket.graphql';
import { dateEdit, type EditResult, hoursEdit, quantityEdit, type TicketPatch, titleEdit } from './ticket-edits';
import { complexityLabel, criteriaLabel, fileFormatLabel, formatDateTime, hoursLabel, priorityLabel, requestTypeLabel, toLocalInput } from './ticket-format';
import './ticket.css';

// Comments and history, below the ticket's fields, load in parallel with the ticket instead of before it: they
// fetch their own data and show their own loading state anyway, and are half of this page's code.
const CommentSection = lazy(() => import('./comment-section').then((module) => ({ default: module.CommentSection })));
const HistoryTimeline = lazy(() => import('./history-timeline').then((module) => ({ default: module.HistoryTimeline })));
// The files (upload, thumbnails, previews, versions) load beside the ticket too, keeping the first load small.
const AttachmentsPanel = lazy(() => import('../attachments/attachments-panel').then((module) => ({ default: module.AttachmentsPanel })));
// The request editor (type, file format, schedule, products) is only for people who open it: it loads then.
const RequestEditor = lazy(() => import('./request-editor').then((module) => ({ default: module.RequestEditor })));

const CONFLICT_MESSAGE = 'Someone changed this ticket while you were editing. It has been reloaded; what you typed is still here — check it and save again.';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>, empty?: string) => [
  ...(empty !== undefined ? [{ value: '', label: empty }] : []),
  ...values.map((value) => ({ value, label: labels[value] })),
];

/**
 * Sends one edit of the ticket with the version the editor opened on, and says why it was refused (undefined
 * when saved). A stale version (CONFLICT) reloads the ticket and keeps the editor open with what was typed.
 */
export function createTicketSave(ticketId: () => string | undefined, reload: () => void) {
  const [, update] = createMutation(updateTicketMutation);
  return async (edit: EditResult, expectedVersion: number): Promise<string | undefined> => {
    if ('error' in edit) return edit.error;
    const id = ticketId();
    if (!id) return 'The ticket is not loaded.';
    const sent = await update({ input: { id, expectedVersion, ...edit.patch } });
    if (!sent.error) return undefined;
    if (errorCode(sent.error) === 'CONFLICT') {
      reload();
      return CONFLICT_MESSAGE;
    }
    return describeError(sent.error);
  };
}

/**
 * One ticket, live: every field of the request (edited in place where the viewer may), the workflow
 * actions, the team, the conversation and the history. Any event on this ticket, from anyone, reloads
 * what it touched within a second.
 */
export function TicketWorkspace(props: { id: string }) {
  const [result, refetch] = createQuery({
    query: ticketWorkspaceQuery,
    variables: () => ({ id: props.id }),
  });
  const [liveTick, setLiveTick] = createSignal(0);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  // The app's one ticket-event stream (lib/ticket-events.ts) already updates the cached summary of this
  // ticket; the workspace shows more (description, comments, history), so it reloads on this ticket's events.
  createEffect(
    on(
      latestTicketEvent,
      (event) => {
        if (!event || (event.type !== 'REFETCH' && event.ticketId !== props.id)) return;
        reload();
        setLiveTick((tick) => tick + 1);
      },
      { defer: true },
    ),
  );

  const ticket = () => (result.data?.ticket ? getFragmentData(ticketWorkspaceFieldsFragment, result.data.ticket) : undefined);

  const save = createTicketSave(() => ticket()?.id, reload);
  const patch = (value: TicketPatch, expectedVersion: number) => save({ patch: value }, expectedVersion);

  return (
    <Switch>
      <Match when={ticket()}>{(current) => <TicketView ticket={current()} liveTick={liveTick()} save={save} patch={patch} reload={reload} />}</Match>
      <Match when={result.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
      <Match when={result.data && !result.data.ticket}>
        <TicketGone />
      </Match>
      <Match when={true}>
        <Loading label="Loading ticket…" />
      </Match>
    </Switch>
  );
}

export function TicketGone() {
  return (
    <section class="page">
      <h1 class="page-title">Ticket not found</h1>
      <p class="muted">It does not exist, it was moved to the trash, or you may not read it.</p>
      <p>
        <A href="/tickets">All tickets</A>
      </p>
    </section>
  );
}

function TicketView(props: {
  ticket: Ticket;
  liveTick: number;
  save: (edit: EditResult, expectedVersion: number) => Promise<string | undefined>;
  patch: (value: TicketPatch, expectedVersion: number) => Promise<string | undefined>;
  reload: () => void;
}) {
  const t = () => props.ticket;
  const can = () => t().viewerCanEdit;
  const fields = () => fieldsFor(t().requestType);
  const [editingRequest, setEditingRequest] = createSignal(false);
  let requestEditButton: HTMLButtonElement | undefined;
  const closeRequestEditor = () => {
    setEditingRequest(false);
    queueMicrotask(() => requestEditButton?.focus());
  };

  return (
    <article class="ticket" aria-labelledby="ticket-title">
      <nav class="ticket-crumbs" aria-label="Breadcrumb">
        <A href="/tickets">Tickets</A>
        <span aria-hidden="true">/</span>
        <span aria-current="page">#{t().number}</span>
      </nav>

      <header class="ticket-header">
        <div class="ticket-heading">
          <div class="ticket-chips">
            <span class="ticket-number">#{t().number}</span>
            <StatusBadge status={t().status} />
            <span class={`badge badge-priority badge-priority-${t().priority.toLowerCase()}`}>{priorityLabel(t().priority)}</span>
            <Show when={t().isOverdue}>
              <span class="badge badge-overdue">Overdue</span>
            </Show>
            <Show when={t().revisionCount > 0}>
              <span class="badge">
                {t().revisionCount} revision{t().revisionCount === 1 ? '' : 's'}
              </span>
            </Show>
            <Show when={t().deletedAt}>
              <span class="badge badge-overdue">In the trash</span>
            </Show>
          </div>
          <EditableField
            label="Title"
            trigger="button"
            class="editable-title"
            value={t().title}
            canEdit={can()}
            version={t().version}
            editor={{ type: 'text', maxLength: 200 }}
            onSave={(text, version) => props.save(titleEdit(text), version)}
          >
            <h1 class="ticket-title" id="ticket-title">
              {t().title}
            </h1>
          </EditableField>
        </div>
        <ActionBar ticket={t()} onDone={props.reload} />
      </header>

      <Show when={t().status === 'REJECTED' && t().rejectionReason}>
        <div class="banner banner-error" role="note">
          <strong>Rejected:</strong> {t().rejectionReason}
        </div>
      </Show>

      <div class="ticket-layout">
        <div class="ticket-main">
          <section class="ticket-section" aria-labelledby="description-title">
            <h2 class="ticket-section-title" id="description-title">
              Description
            </h2>
            <EditableField
              label="Description"
              trigger="button"
              value={t().description}
              canEdit={can()}
              version={t().version}
              editor={{ type: 'textarea' }}
              onSave={(text, version) => props.patch({ description: text }, version)}
            >
              <Show when={t().description.trim()} fallback={<p class="muted">No description.</p>}>
                <p class="ticket-description">{t().description}</p>
              </Show>
            </EditableField>
          </section>

          <section class="ticket-section" aria-labelledby="request-title">
            <h2 class="ticket-section-title" id="request-title">
              Request
            </h2>
            <Show when={editingRequest() && can()}>
              <Suspense fallback={<Loading label="Loading the request editor…" />}>
                <RequestEditor ticket={t()} save={props.save} onClose={closeRequestEditor} />
              </Suspense>
            </Show>
            <dl class="ticket-facts">
              <Fact label="Request type">
                <div class="editable-view editable-view-block">
                  <div class="editable-value">{requestTypeLabel(t().requestType)}</div>
                  <Show when={can() && !editingRequest()}>
                    <button ref={requestEditButton} type="button" class="editable-edit" aria-label="Edit request type" onClick={() => setEditingRequest(true)}>
                      Edit
                    </button>
                  </Show>
                </div>
              </Fact>
              <Show when={fields().fileFormat}>
                <Fact label="File format">
                  <EditableField
                    label="File format"
                    value={t().fileFormat ?? ''}
                    canEdit={can()}
                    version={t().version}
                    editor={{
                      type: 'select',
                      options: options(FILE_FORMATS, FILE_FORMAT_LABELS),
                    }}
                    onSave={(text, version) => props.patch({ fileFormat: text as FileFormat, criteria: null }, version)}
                  >
                    {fileFormatLabel(t().fileFormat)}
                  </EditableField>
                </Fact>
              </Show>
              <Fact label="Criteria">
                <EditableField
                  label="Criteria"
                  value={t().criteria ?? ''}
                  version={t().version}
                  canEdit={can() && fields().criteria === null && !fields().productCategories}
                  editor={{
                    type: 'select',
                    options: options(CRITERIA, CRITERIA_LABELS, 'Not specified'),
                  }}
                  onSave={(text, version) => props.patch({ criteria: (text || null) as Criteria | null }, version)}
                >
                  {criteriaLabel(t().criteria)}
                </EditableField>
              </Fact>
              <Fact label="Quantity">
                <EditableField
                  label="Quantity"
                  value={String(t().quantity)}
                  version={t().version}
                  canEdit={can() && !fields().productCategories}
                  editor={{ type: 'number', min: 1, max: 1000 }}
                  onSave={(text, version) => props.save(quantityEdit(text), version)}
                >
                  {t().quantity}
                </EditableField>
              </Fact>
              <Show when={fields().schedule}>
                <Fact label="Schedule start">
                  <EditableField
                    label="Schedule start"
                    value={toLocalInput(t().scheduledStart)}
                    canEdit={can()}
                    version={t().version}
                    editor={{ type: 'datetime' }}
                    onSave={(text, version) => props.save(dateEdit('scheduledStart', text), version)}
                  >
                    {formatDateTime(t().scheduledStart)}
                  </EditableField>
                </Fact>
                <Fact label="Schedule end">
                  <EditableField
                    label="Schedule end"
                    value={toLocalInput(t().scheduledEnd)}
                    canEdit={can()}
                    version={t().version}
                    editor={{ type: 'datetime' }}
                    onSave={(text, version) => props.save(dateEdit('scheduledEnd', text), version)}
                  >
                    {formatDateTime(t().scheduledEnd)}
                  </EditableField>
                </Fact>
              </Show>
            </dl>
            <Show when={t().productItems.length > 0}>
              <table class="product-table">
                <caption class="visually-hidden">Products</caption>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col">Criteria</th>
                    <th scope="col" class="numeric">
                      Quantity
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={t().productItems}>
                    {(item) => (
                      <tr>
                        <td>{item.product.name}</td>
                        <td>{criteriaLabel(item.criteria)}</td>
                        <td class="numeric">{item.quantity}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Total
                    </th>
                    <td class="numeric">{t().quantity}</td>
                  </tr>
                </tfoot>
              </table>
            </Show>
          </section>

          <Suspense fallback={<Loading label="Loading files…" />}>
            <AttachmentsPanel ticketId={t().id} canAttach={t().availableActions.includes('ATTACH')} liveTick={props.liveTick} />
          </Suspense>

          <Suspense fallback={<Loading label="Loading comments and history…" />}>
            <CommentSection ticketId={t().id} canComment={t().availableActions.includes('COMMENT')} liveTick={props.liveTick} />
            <HistoryTimeline ticket={t()} canRollback={t().availableActions.includes('ROLLBACK')} liveTick={props.liveTick} onChanged={props.reload} />
          </Suspense>
        </div>

        <aside class="ticket-side" aria-label="Properties">
          <dl class="ticket-properties">
            <Fact label="Status">
              <StatusBadge status={t().status} />
            </Fact>
            <Fact label="Priority">
              <EditableField
                label="Priority"
                value={t().priority}
                canEdit={can()}
                version={t().version}
                editor={{
                  type: 'select',
                  options: options(PRIORITIES, PRIORITY_LABELS),
                }}
                onSave={(text, version) => props.patch({ priority: text as Priority }, version)}
              >
                {priorityLabel(t().priority)}
              </EditableField>
            </Fact>
            <Fact label="Due date">
              <EditableField
                label="Due date"
                value={toLocalInput(t().dueDate)}
                canEdit={can()}
                version={t().version}
                editor={{ type: 'datetime' }}
                onSave={(text, version) => props.save(dateEdit('dueDate', text), version)}
              >
                <Show when={t().dueDate} fallback={<span class="muted">Set by priority at assignment</span>}>
                  <span classList={{ 'text-overdue': t().isOverdue }}>{formatDateTime(t().dueDate)}</span>
                </Show>
              </EditableField>
            </Fact>
            <Fact label="Requester">
              <PersonName person={t().requester} />
            </Fact>
            <Fact label="Department">{t().department.name}</Fact>
            <Fact label="Assignee">
              <Show when={t().assignee} fallback={<span class="muted">Unassigned</span>}>
                {(person) => <PersonName person={person()} />}
              </Show>
            </Fact>
            <Fact label="Collaborators">
              <CollaboratorsPanel ticket={t()} canChange={t().availableActions.includes('ADD_COLLABORATOR')} onChanged={props.reload} />
            </Fact>
            <Fact label="Complexity">
              <EditableField
                label="Complexity"
                value={t().complexity ?? ''}
                canEdit={can()}
                version={t().version}
                editor={{
                  type: 'select',
                  options: options(COMPLEXITIES, COMPLEXITY_LABELS, 'Not specified'),
                }}
                onSave={(text, version) => props.patch({ complexity: (text || null) as Complexity | null }, version)}
              >
                {complexityLabel(t().complexity)}
              </EditableField>
            </Fact>
            <Fact label="Estimated hours">
              <EditableField
                label="Estimated hours"
                value={t().estimatedHours?.toString() ?? ''}
                canEdit={can()}
                version={t().version}
                editor={{ type: 'number', min: 0, step: '0.5' }}
                onSave={(text, version) => props.save(hoursEdit('estimatedHours', text), version)}
              >
                {hoursLabel(t().estimatedHours)}
              </EditableField>
            </Fact>
            <Fact label="Actual hours">{hoursLabel(t().actualHours)}</Fact>
            <Fact label="Created">{formatDateTime(t().createdAt)}</Fact>
            <Show when={t().startedAt}>
              <Fact label="Started">{formatDateTime(t().startedAt)}</Fact>
            </Show>
            <Show when={t().completedAt}>
              <Fact label="Completed">{formatDateTime(t().completedAt)}</Fact>
            </Show>
            <Fact label="Updated">{formatDateTime(t().updatedAt)}</Fact>
          </dl>
        </aside>
      </div>
    </article>
  );
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function PersonName(props: { person: { displayName: string } }) {
  return (
    <span class="person">
      <Avatar name={props.person.displayName} />
      <span class="person-name">{props.person.displayName}</span>
    </span>
  );
}
