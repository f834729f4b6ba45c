import { createSignal, For, lazy, Show, Suspense } from 'solid-js';
import { Loading } from '../../components/loading';
import type { Criteria, FileFormat, TicketWorkspaceFieldsFragment as Ticket } from '../../gql/graphql';
import { CRITERIA, CRITERIA_LABELS, FILE_FORMAT_LABELS, FILE_FORMATS } from '../../lib/vocabulary';
import { fieldsFor } from '../request-form/request-vocabulary';
import { EditableField } from './editable-field';
import { dateEdit, quantityEdit } from './ticket-edits';
import { Fact, selectOptions, type TicketEditing } from './ticket-facts';
import { criteriaLabel, fileFormatLabel, formatDateTime, requestTypeLabel, toLocalInput } from './ticket-format';

// The request editor (type, file format, schedule, products) is only for people who open it: it loads then.
const RequestEditor = lazy(() => import('./request-editor').then((module) => ({ default: module.RequestEditor })));

/**
 * What was requested: the type and the parts that type has (file format, criteria, quantity, schedule,
 * products). Single values are edited in place; the type and what follows from it in the request editor.
 */
export function RequestSection(props: TicketEditing) {
  const t = () => props.ticket;
  const can = () => t().viewerCanEdit;
  const fields = () => fieldsFor(t().requestType);
  const [editing, setEditing] = createSignal(false);
  let editButton: HTMLButtonElement | undefined;
  const closeEditor = () => {
    setEditing(false);
    queueMicrotask(() => editButton?.focus());
  };

  return (
    <section class="ticket-section" aria-labelledby="request-title">
      <h2 class="ticket-section-title" id="request-title">
        Request
      </h2>
      <Show when={editing() && can()}>
        <Suspense fallback={<Loading label="Loading the request editor…" />}>
          <RequestEditor ticket={t()} save={props.save} onClose={closeEditor} />
        </Suspense>
      </Show>
      <dl class="ticket-facts">
        <Fact label="Request type">
          <div class="editable-view editable-view-block">
            <div class="editable-value">{requestTypeLabel(t().requestType)}</div>
            <Show when={can() && !editing()}>
              <button ref={editButton} type="button" class="editable-edit" aria-label="Edit request type" onClick={() => setEditing(true)}>
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
              editor={{ type: 'select', options: selectOptions(FILE_FORMATS, FILE_FORMAT_LABELS) }}
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
            editor={{ type: 'select', options: selectOptions(CRITERIA, CRITERIA_LABELS, 'Not specified') }}
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
        <ProductTable ticket={t()} />
      </Show>
    </section>
  );
}

/** The products a request covers, each with its criteria and quantity, and their total. */
function ProductTable(props: { ticket: Ticket }) {
  return (
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
        <For each={props.ticket.productItems}>
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
          <td class="numeric">{props.ticket.quantity}</td>
        </tr>
      </tfoot>
    </table>
  );
}
