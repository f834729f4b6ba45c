import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { Field } from '../../components/field';
import type { FileFormat, RequestType, TicketWorkspaceFieldsFragment as Ticket } from '../../gql/graphql';
import { FILE_FORMAT_LABELS, FILE_FORMATS, REQUEST_TYPE_LABELS, REQUEST_TYPE_ORDER } from '../../lib/vocabulary';
import { ProductLines } from '../request-form/product-lines';
import { requestProductsQuery } from '../request-form/request-form.graphql';
import { type FieldErrors, fieldsFor } from '../request-form/request-rules';
import { type RequestFields, requestEdit } from './request-edit';
import type { EditResult } from './ticket-edits';
import { toLocalInput } from './ticket-format';

function fieldsOf(ticket: Ticket): RequestFields {
  return {
    requestType: ticket.requestType,
    fileFormat: ticket.fileFormat ?? 'STILL',
    scheduledStart: toLocalInput(ticket.scheduledStart),
    scheduledEnd: toLocalInput(ticket.scheduledEnd),
    productItems:
      ticket.productItems.length > 0
        ? ticket.productItems.map((item) => ({ productId: item.product.id, quantity: String(item.quantity), criteria: item.criteria ?? '' }))
        : [{ productId: '', quantity: '1', criteria: '' }],
  };
}

/**
 * The request type and what the type needs (file format, schedule, product items), edited together: a new
 * type is sent with its own fields, checked by the new-request form's rules before anything is sent. Like the
 * other inline editors it sends the version it opened on; a refused save keeps what was typed and says why,
 * and after a CONFLICT (the ticket above has been reloaded) saving again applies it to the new version.
 */
export function RequestEditor(props: {
  ticket: Ticket;
  save: (edit: EditResult, expectedVersion: number) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const [fields, setFields] = createSignal(fieldsOf(props.ticket));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [refusal, setRefusal] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  let baseVersion = props.ticket.version;
  let refused = false;
  const [products] = createQuery({ query: requestProductsQuery });

  createEffect(
    on(
      () => props.ticket.version,
      (version) => {
        if (refused) {
          baseVersion = version;
          refused = false;
        }
      },
    ),
  );

  const type = () => fieldsFor(fields().requestType);
  const offered = () => {
    const categories = type().productCategories ?? [];
    return (products.data?.products ?? []).filter((product) => categories.includes(product.category));
  };
  const change = (patch: Partial<RequestFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setErrors({});
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    const edit = requestEdit(fields(), props.ticket.quantity);
    if ('errors' in edit) {
      setErrors(edit.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    const message = await props.save(edit, baseVersion).finally(() => setSaving(false));
    if (message) {
      baseVersion = props.ticket.version;
      refused = true;
      setRefusal(message);
    } else props.onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  };

  return (
    <form class="editable-form request-editor" onSubmit={save} onKeyDown={onKeyDown}>
      <Field label="Request type">
        {(control) => (
          <select
            ref={(element) => queueMicrotask(() => element.focus())}
            class="field-input"
            {...control}
            value={fields().requestType}
            onChange={(event) => change({ requestType: event.currentTarget.value as RequestType })}
          >
            <For each={REQUEST_TYPE_ORDER}>
              {(value) => (
                <option value={value} selected={value === fields().requestType}>
                  {REQUEST_TYPE_LABELS[value]}
                </option>
              )}
            </For>
          </select>
        )}
      </Field>
      <Show when={type().fileFormat}>
        <Field label="File format" error={errors().fileFormat}>
          {(control) => (
            <select
              class="field-input"
              {...control}
              value={fields().fileFormat}
              onChange={(event) => change({ fileFormat: event.currentTarget.value as FileFormat })}
            >
              <For each={FILE_FORMATS}>
                {(value) => (
                  <option value={value} selected={value === fields().fileFormat}>
                    {FILE_FORMAT_LABELS[value]}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
      </Show>
      <Show when={type().schedule}>
        <Field label="Schedule start" error={errors().scheduledStart}>
          {(control) => (
            <input
              class="field-input"
              type="datetime-local"
              {...control}
              value={fields().scheduledStart}
              onInput={(event) => change({ scheduledStart: event.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Schedule end" error={errors().scheduledEnd}>
          {(control) => (
            <input
              class="field-input"
              type="datetime-local"
              {...control}
              value={fields().scheduledEnd}
              onInput={(event) => change({ scheduledEnd: event.currentTarget.value })}
            />
          )}
        </Field>
      </Show>
      <Show when={type().productCategories}>
        <ProductLines
          lines={fields().productItems}
          products={offered()}
          loading={products.fetching}
          errors={errors()}
          onChange={(productItems) => change({ productItems })}
        />
      </Show>
      <Show when={refusal()}>
        {(message) => (
          <p class="field-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <div class="editable-buttons">
        <button type="submit" class="button button-primary button-small" disabled={saving()}>
          {saving() ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="button button-quiet button-small" onClick={() => props.onClose()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
