import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import type { Complexity, Criteria, FileFormat, Priority, RequestType } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { session } from '../../lib/session';
import {
  COMPLEXITIES,
  COMPLEXITY_LABELS,
  CRITERIA,
  CRITERIA_LABELS,
  FILE_FORMAT_LABELS,
  FILE_FORMATS,
  PRIORITIES_LEAST_URGENT_FIRST,
  PRIORITY_LABELS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPE_ORDER,
} from '../../lib/vocabulary';
import { ProductLines } from './product-lines';
import { clearDraft, isDraftTouched, loadDraft, saveDraft } from './request-draft';
import { createTicketMutation, requestAgainSourceQuery, requestProductsQuery } from './request-form.graphql';
import { againDraft, criteriaOf, deadlinePreview, emptyDraft, fieldsFor, MAX_QUANTITY, type RequestDraft, toCreateInput, validateDraft } from './request-rules';
import './request-form.css';

/**
 * `/new`: a request for creative work. The form follows the request type, checks what it can before
 * sending, and keeps the draft across reloads and session refreshes until the request is sent.
 * `/new?again=<number>` starts from a copy of that (rejected) request, with a reference to it.
 */
export function RequestFormPage() {
  const userId = session.user()?.id ?? 'anonymous';
  const [params] = useSearchParams<{ again?: string }>();
  const againNumber = /^\d{1,9}$/.test(params.again ?? '') ? Number(params.again) : undefined;
  const restored = loadDraft(userId);
  const [draft, setDraft] = createSignal<RequestDraft>(againNumber === undefined ? restored : emptyDraft());
  const [showRestored, setShowRestored] = createSignal(againNumber === undefined && isDraftTouched(restored));
  const [againSource] = createQuery({ query: requestAgainSourceQuery, variables: { search: `#${againNumber ?? 0}` }, pause: againNumber === undefined });
  // The search also matches titles: keep the ticket with exactly this number, and only a rejected one.
  const again = createMemo(() => againSource.data?.tickets.nodes.find((node) => node.number === againNumber && node.status === 'REJECTED'));
  createEffect(on(again, (source) => source && setDraft(againDraft(source)), { defer: true }));
  const [attempted, setAttempted] = createSignal(false);
  const [serverError, setServerError] = createSignal<string>();
  const [products] = createQuery({ query: requestProductsQuery });
  const [sending, createTicket] = createMutation(createTicketMutation);
  const navigate = useNavigate();

  createEffect(on(draft, (current) => saveDraft(userId, current), { defer: true }));

  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => setDraft({ ...draft(), [key]: value });
  const fields = () => fieldsFor(draft().requestType);
  const errors = createMemo(() => (attempted() ? validateDraft(draft()) : {}));
  const typeProducts = () => {
    const categories = fields().productCategories;
    return categories ? (products.data?.products ?? []).filter((product) => categories.includes(product.category)) : [];
  };
  const decidedCriteria = () => fields().criteria !== null;
  const shownCriteria = () => (decidedCriteria() ? criteriaOf(draft().requestType, draft().fileFormat, draft().criteria) : draft().criteria) ?? '';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setAttempted(true);
    setServerError(undefined);
    const problems = validateDraft(draft());
    if (Object.keys(problems).length > 0) {
      // Take the person to the first field that needs them.
      queueMicrotask(() => document.querySelector<HTMLElement>('.request-form [aria-invalid="true"]')?.focus());
      return;
    }
    const result = await createTicket({ input: toCreateInput(draft()) });
    const number = result.data?.createTicket.ticket.number;
    if (number !== undefined) {
      clearDraft(userId);
      navigate(`/tickets/${number}`);
    } else if (result.error) {
      setServerError(describeError(result.error));
    }
  }

  function startOver() {
    clearDraft(userId);
    setDraft(emptyDraft());
    setAttempted(false);
    setShowRestored(false);
  }

  return (
    <section class="page request-page">
      <header class="request-header">
        <div>
          <h1 class="page-title">New request</h1>
          <p class="muted">Ask the Creative team for work. Your department's manager approves it first.</p>
        </div>
        <Show when={again()}>
          {(source) => (
            <p class="request-again" role="note">
              A copy of{' '}
              <A href={`/tickets/${source().number}`} class="ticket-ref">
                #{source().number}
              </A>
              , which was rejected
              <Show when={source().rejectionReason}>{(reason) => <>: “{reason()}”</>}</Show>. Change what it asked for, then send.
            </p>
          )}
        </Show>
        <Show when={showRestored()}>
          <p class="request-restored" role="status">
            Your unsent draft was restored.
            <button type="button" class="link-button" onClick={startOver}>
              Start over
            </button>
          </p>
        </Show>
      </header>

      <form class="request-form" novalidate onSubmit={submit} aria-busy={sending.fetching}>
        <div class="request-main panel">
          <Field label="Title" error={errors().title}>
            {(control) => (
              <input
                class="field-input"
                {...control}
                maxLength={200}
                value={draft().title}
                onInput={(event) => set('title', event.currentTarget.value)}
                placeholder="What do you need?"
              />
            )}
          </Field>
          <Field label="Description" error={errors().description} hint="Audience, copy, references, sizes: whatever the team needs to know.">
            {(control) => (
              <textarea
                class="field-input request-description"
                {...control}
                rows={6}
                value={draft().description}
                onInput={(event) => set('description', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Request type">
            {(control) => (
              <select
                class="field-input"
                {...control}
                value={draft().requestType}
                onChange={(event) => set('requestType', event.currentTarget.value as RequestType)}
              >
                <For each={REQUEST_TYPE_ORDER}>
                  {(type) => (
                    <option value={type} selected={draft().requestType === type}>
                      {REQUEST_TYPE_LABELS[type]}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>

          <div class="request-type-fields">
            <Show when={fields().fileFormat}>
              <Field label="File format" error={errors().fileFormat}>
                {(control) => (
                  <select
                    class="field-input"
                    {...control}
                    value={draft().fileFormat}
                    onChange={(event) => set('fileFormat', event.currentTarget.value as FileFormat | '')}
                  >
                    <option value="" selected={!draft().fileFormat}>
                      Choose a format
                    </option>
                    <For each={FILE_FORMATS}>
                      {(format) => (
                        <option value={format} selected={draft().fileFormat === format}>
                          {FILE_FORMAT_LABELS[format]}
                        </option>
                      )}
                    </For>
                  </select>
                )}
              </Field>
            </Show>
            <Show when={fields().schedule}>
              <Field label="Schedule start" error={errors().scheduledStart}>
                {(control) => (
                  <input
                    class="field-input"
                    {...control}
                    type="datetime-local"
                    value={draft().scheduledStart}
                    onInput={(event) => set('scheduledStart', event.currentTarget.value)}
                  />
                )}
              </Field>
              <Field label="Schedule end" error={errors().scheduledEnd}>
                {(control) => (
                  <input
                    class="field-input"
                    {...control}
                    type="datetime-local"
                    value={draft().scheduledEnd}
                    onInput={(event) => set('scheduledEnd', event.currentTarget.value)}
                  />
                )}
              </Field>
            </Show>
            <Show
              when={fields().productCategories}
              fallback={
                <Field label="Quantity" error={errors().quantity} hint={`1 to ${MAX_QUANTITY}`}>
                  {(control) => (
                    <input
                      class="field-input"
                      {...control}
                      type="number"
                      inputmode="numeric"
                      min="1"
                      max={MAX_QUANTITY}
                      step="1"
                      value={draft().quantity}
                      onInput={(event) => set('quantity', event.currentTarget.value)}
                    />
                  )}
                </Field>
              }
            >
              <ProductLines
                lines={draft().productItems}
                products={typeProducts()}
                loading={products.fetching}
                errors={errors()}
                onChange={(lines) => set('productItems', lines)}
              />
            </Show>
            <Show when={!fields().productCategories}>
              <Field label="Criteria" hint={decidedCriteria() ? 'Set by the request type.' : undefined}>
                {(control) => (
                  <select
                    class="field-input"
                    {...control}
                    disabled={decidedCriteria()}
                    value={shownCriteria()}
                    onChange={(event) => set('criteria', event.currentTarget.value as Criteria | '')}
                  >
                    <option value="">Not specified</option>
                    <For each={CRITERIA}>
                      {(criteria) => (
                        <option value={criteria} selected={shownCriteria() === criteria}>
                          {CRITERIA_LABELS[criteria]}
                        </option>
                      )}
                    </For>
                  </select>
                )}
              </Field>
            </Show>
          </div>
        </div>

        <aside class="request-side panel" aria-label="Timing and effort">
          <Field label="Priority">
            {(control) => (
              <select class="field-input" {...control} value={draft().priority} onChange={(event) => set('priority', event.currentTarget.value as Priority)}>
                <For each={PRIORITIES_LEAST_URGENT_FIRST}>
                  {(priority) => (
                    <option value={priority} selected={draft().priority === priority}>
                      {PRIORITY_LABELS[priority]}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <p class="deadline-preview" data-testid="deadline-preview" aria-live="polite">
            {deadlinePreview(draft())}
          </p>
          <Field label="Due date" error={errors().dueDate} hint="Optional. Leave empty to use the deadline above.">
            {(control) => (
              <input
                class="field-input"
                {...control}
                type="datetime-local"
                value={draft().dueDate}
                onInput={(event) => set('dueDate', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Complexity">
            {(control) => (
              <select
                class="field-input"
                {...control}
                value={draft().complexity}
                onChange={(event) => set('complexity', event.currentTarget.value as Complexity | '')}
              >
                <option value="">Not specified</option>
                <For each={COMPLEXITIES}>
                  {(complexity) => (
                    <option value={complexity} selected={draft().complexity === complexity}>
                      {COMPLEXITY_LABELS[complexity]}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <Field label="Estimated hours" error={errors().estimatedHours}>
            {(control) => (
              <input
                class="field-input"
                {...control}
                type="number"
                inputmode="decimal"
                min="0"
                step="0.5"
                value={draft().estimatedHours}
                onInput={(event) => set('estimatedHours', event.currentTarget.value)}
              />
            )}
          </Field>
        </aside>

        <footer class="request-footer">
          <ErrorBanner message={serverError()} />
          <Show when={attempted() && Object.keys(errors()).length > 0}>
            <p class="field-error" role="alert">
              Some fields need attention before the request can be sent.
            </p>
          </Show>
          <div class="request-buttons">
            <A href="/" class="button button-quiet">
              Cancel
            </A>
            <button type="submit" class="button button-primary" disabled={sending.fetching}>
              {sending.fetching ? 'Sending…' : 'Send request'}
            </button>
          </div>
        </footer>
      </form>
    </section>
  );
}
