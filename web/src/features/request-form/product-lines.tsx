import { For, Index, Show } from 'solid-js';
import { Field } from '../../components/field';
import type { Criteria, ProductCategory } from '../../gql/graphql';
import './product-lines.css';
import { CRITERIA, CRITERIA_LABELS } from '../../lib/vocabulary';
import { type FieldErrors, MAX_QUANTITY, type ProductLine, productTotal } from './request-rules';

export type ProductOption = { id: string; name: string; category: ProductCategory };

/**
 * The product items of an ADS or TELEGRAM_CHANNEL request: one row per product with its quantity and
 * criteria, and the running total against the limit.
 */
export function ProductLines(props: {
  lines: ProductLine[];
  products: readonly ProductOption[];
  loading: boolean;
  errors: FieldErrors;
  onChange: (lines: ProductLine[]) => void;
}) {
  const update = (index: number, patch: Partial<ProductLine>) => props.onChange(props.lines.map((line, at) => (at === index ? { ...line, ...patch } : line)));
  const remove = (index: number) => props.onChange(props.lines.filter((_, at) => at !== index));
  const add = () => props.onChange([...props.lines, { productId: '', quantity: '1', criteria: '' }]);
  const total = () => productTotal(props.lines);

  return (
    <fieldset class="product-lines" aria-describedby="product-total">
      <legend class="field-label">Products</legend>
      <Show when={!props.loading && props.products.length === 0}>
        <p class="muted">No products are offered for this request type yet. Ask an admin to add some.</p>
      </Show>
      <Index each={props.lines}>
        {(line, index) => (
          <div class="product-line">
            <Field label={`Product ${index + 1}`} error={props.errors[`productItems.${index}.productId`]} class="product-line-product">
              {(control) => (
                <select class="field-input" {...control} value={line().productId} onChange={(event) => update(index, { productId: event.currentTarget.value })}>
                  <option value="">{props.loading ? 'Loading products…' : 'Choose a product'}</option>
                  <For each={props.products}>
                    {(product) => (
                      <option value={product.id} selected={line().productId === product.id}>
                        {product.name}
                      </option>
                    )}
                  </For>
                </select>
              )}
            </Field>
            <Field
              label="Quantity"
              labelSuffix={`for product ${index + 1}`}
              error={props.errors[`productItems.${index}.quantity`]}
              class="product-line-quantity"
            >
              {(control) => (
                <input
                  class="field-input"
                  {...control}
                  type="number"
                  inputmode="numeric"
                  min="1"
                  max={MAX_QUANTITY}
                  step="1"
                  value={line().quantity}
                  onInput={(event) => update(index, { quantity: event.currentTarget.value })}
                />
              )}
            </Field>
            <Field label="Criteria" labelSuffix={`for product ${index + 1}`} class="product-line-criteria">
              {(control) => (
                <select
                  class="field-input"
                  {...control}
                  value={line().criteria}
                  onChange={(event) => update(index, { criteria: event.currentTarget.value as Criteria | '' })}
                >
                  <option value="">Any</option>
                  <For each={CRITERIA}>
                    {(criteria) => (
                      <option value={criteria} selected={line().criteria === criteria}>
                        {CRITERIA_LABELS[criteria]}
                      </option>
                    )}
                  </For>
                </select>
              )}
            </Field>
            <button
              type="button"
              class="button button-quiet product-line-remove"
              aria-label={`Remove product ${index + 1}`}
              disabled={props.lines.length === 1}
              onClick={() => remove(index)}
            >
              Remove
            </button>
          </div>
        )}
      </Index>
      <div class="product-lines-footer">
        <button type="button" class="button button-quiet" onClick={add}>
          Add product
        </button>
        <p id="product-total" class="product-total" classList={{ 'product-total-over': total() > MAX_QUANTITY }} aria-live="polite">
          Total {total()} of {MAX_QUANTITY} items
        </p>
      </div>
      <Show when={props.errors.productItems}>
        {(message) => (
          <p class="field-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </fieldset>
  );
}
